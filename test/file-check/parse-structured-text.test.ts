import { parsed, problem } from './parsed-text';

/** The value of `v:` in a one-line YAML document. */
const valueOf = (yaml: string) => (parsed(`v: ${yaml}\n`).value as { v: unknown }).v;

describe('YAML short-form intrinsics become the long forms CloudFormation uses', () => {
  test.each([
    ['!Ref Bucket', { Ref: 'Bucket' }],
    ['!Sub "arn:${AWS::Partition}:s3:::b"', { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b' }],
    ['!Sub ["${A}-x", {A: !Ref P}]', { 'Fn::Sub': ['${A}-x', { A: { Ref: 'P' } }] }],
    ['!GetAtt Bucket.Arn', { 'Fn::GetAtt': ['Bucket', 'Arn'] }],
    ['!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['!GetAtt [Bucket, Arn]', { 'Fn::GetAtt': ['Bucket', 'Arn'] }],
    ['!If [IsProd, 1, !Ref AWS::NoValue]', { 'Fn::If': ['IsProd', 1, { Ref: 'AWS::NoValue' }] }],
    ['!Join ["", [a, !Ref B]]', { 'Fn::Join': ['', ['a', { Ref: 'B' }]] }],
    ['!Select [0, !GetAZs ""]', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ['!Split [",", !Ref L]', { 'Fn::Split': [',', { Ref: 'L' }] }],
    ['!FindInMap [M, !Ref AWS::Region, Days]', { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'Days'] }],
    ['!ImportValue SharedDays', { 'Fn::ImportValue': 'SharedDays' }],
    ['!Equals [!Ref Env, prod]', { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }],
    ['!Not [!Condition IsProd]', { 'Fn::Not': [{ Condition: 'IsProd' }] }],
    ['!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or [!Condition A, !Equals [x, y]]', { 'Fn::Or': [{ Condition: 'A' }, { 'Fn::Equals': ['x', 'y'] }] }],
    ['!Condition IsProd', { Condition: 'IsProd' }],
    ['!Base64 text', { 'Fn::Base64': 'text' }],
    ['!Cidr [10.0.0.0/16, 4, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
    ["!GetAZs ''", { 'Fn::GetAZs': '' }],
    ['!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}', { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } }],
  ])('GIVEN %s THEN the long form', (yaml, expected) => {
    expect(valueOf(yaml)).toEqual(expected);
  });

  test('GIVEN block-style !Sub and !If THEN the long forms', () => {
    const text = 'v: !If\n  - IsProd\n  - !Sub\n    - "${X}"\n    - X: 1\n  - no\n';
    expect(parsed(text).value).toEqual({ v: { 'Fn::If': ['IsProd', { 'Fn::Sub': ['${X}', { X: 1 }] }, 'no'] } });
  });
});

describe('YAML scalars', () => {
  test.each([
    ["'True'", 'True'],
    ['"7"', '7'],
    ['2010-09-09', '2010-09-09'],
    ['Enabled', 'Enabled'],
    ['7', 7],
    ['!!str 7', '7'],
  ])('GIVEN %s THEN %p', (yaml, expected) => {
    expect(valueOf(yaml)).toEqual(expected);
  });

  // Found by the property tests: the YAML library made a Date, bytes or a symbol of these, which no
  // template holds (a symbol where a number is read threw "Cannot convert a Symbol value to a number").
  test.each([
    ['%YAML 1.1 makes an unquoted date a timestamp', '%YAML 1.1\n---\nAWSTemplateFormatVersion: 2010-09-09\nResources: |\n  text\n', 'AWSTemplateFormatVersion', '2010-09-09'],
    ['!!timestamp', 'v: !!timestamp 2001-12-14\n', 'v', '2001-12-14'],
    ['!!binary', 'v: !!binary aGVsbG8=\n', 'v', 'aGVsbG8='],
    ['!!merge out of a key', 'v: !!merge x\n', 'v', 'x'],
  ])('GIVEN %s THEN the value is the text as written', (_what, text, key, expected) => {
    expect((parsed(text).value as Record<string, unknown>)[key]).toBe(expected);
  });
});

describe('YAML anchors, aliases and merge keys', () => {
  test('GIVEN an alias THEN the anchored value is copied', () => {
    const text = 'rule: &abort {Status: Enabled}\nrules: [*abort, *abort]\n';
    expect(parsed(text).value).toEqual({ rule: { Status: 'Enabled' }, rules: [{ Status: 'Enabled' }, { Status: 'Enabled' }] });
  });

  test('GIVEN a merge key THEN the merged keys, keys written before it winning and keys after it overwriting', () => {
    const text = 'base: &base {Status: Enabled, Id: base, Prefix: p}\nrule:\n  Id: mine\n  <<: *base\n  Prefix: ""\n';
    expect((parsed(text).value as Record<string, unknown>).rule).toEqual({ Id: 'mine', Status: 'Enabled', Prefix: '' });
  });

  test('GIVEN a merge of a list of mappings THEN an earlier mapping wins', () => {
    const text = 'a: &a {X: 1}\nb: &b {X: 2, Y: 2}\nc:\n  <<: [*a, *b]\n';
    const result = parsed(text);
    const c = (result.value as Record<string, object>).c;
    expect(c).toEqual({ X: 1, Y: 2 });
    expect(result.positionOfKey(c, 'Y')).toEqual({ line: 4, column: 3 });
  });

  // Found by the property tests (deep anchors were slow): the YAML library walked the whole document for each alias.
  test('GIVEN 1,000 aliases in a large document THEN they are resolved in one walk, not one walk each', () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => `k${i}: [1, 2]`).join('\n');
    const time = (text: string) => {
      const start = process.hrtime.bigint();
      parsed(text);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const plain = time(`a: &a x\n${entries}\n${Array.from({ length: 1000 }, (_, i) => `z${i}: x`).join('\n')}\n`);
    const aliased = time(`a: &a x\n${entries}\n${Array.from({ length: 1000 }, (_, i) => `z${i}: *a`).join('\n')}\n`);
    // Each walk of 30,000 nodes, 1,000 times over, took 10 times longer than the parse itself.
    expect(aliased).toBeLessThan(3 * plain + 1000);
  });

  // Found by the property tests: before YAML was composed one token at a time (fa863a3), the second
  // file of a run nested this deep aborted the process (V8: "RegExpCompiler Allocation failed").
  test('GIVEN two files nested 100,000 deep in one run THEN each is refused, and the process goes on', () => {
    for (const text of ['['.repeat(100_000) + ',', '['.repeat(100_000) + ',', '- '.repeat(100_000) + 'x']) {
      expect(problem(text).message).toBe('not read: sequences and mappings nested more than 128 deep');
    }
  });

  test('GIVEN an alias after a second anchor of the same name THEN the latest anchor before it', () => {
    expect(parsed('a: &x 1\nb: *x\nc: &x 2\nd: *x\n').value).toEqual({ a: 1, b: 1, c: 2, d: 2 });
  });

  // PyYAML (cfn-lint) refuses them ("found undefined alias"); they were read as null.
  test.each([
    ['no anchor of its name', 'a: 1\nb: *x\n', 2],
    ['its anchor only after it', 'a: *x\nb: &x 1\n', 1],
    ['no anchor, in a merge key', 'a:\n  <<: *x\n', 2],
  ])('GIVEN an alias with %s THEN a problem on its line', (_what, text, line) => {
    expect(problem(text)).toEqual({ line, message: 'not valid YAML: the alias *x has no anchor &x before it' });
  });

  test('GIVEN a merge of a scalar THEN a problem on its line', () => {
    expect(problem('a: 1\nc:\n  <<: 5\n')).toMatchObject({ line: 3, message: expect.stringContaining('merge key') });
  });
});

describe('problems with their line', () => {
  test.each([
    ['a duplicate YAML key', 'Resources:\n  A:\n    Type: x\n  A:\n    Type: y\n', 4, /^not valid YAML: duplicate key "A"$/],
    ['a duplicate JSON key', '{\n  "Resources": {\n    "A": {},\n    "A": {}\n  }\n}\n', 4, /duplicate key "A"/],
    ['a duplicate JSON key on the first line', '{"A": 1, "A": 2}', 1, /duplicate key "A"/],
    ['a duplicate JSON key after a byte order mark', '\uFEFF{\n"A": 1,\n"A": 2}', 3, /duplicate key "A"/],
    ['invalid YAML', 'Resources:\n  A: [1, 2\n  B: 3\n', 3, /Flow sequence/],
    ['invalid JSON', '{\n  "A": 1\n  "B": 2\n}\n', 3, /^not valid JSON: CommaExpected$/],
    ['two YAML documents', 'A: 1\n---\nB: 2\n', 2, /multiple documents/],
  ])('GIVEN %s THEN one problem, at its line', (_, text, line, message) => {
    const result = problem(text);
    expect(result.line).toBe(line);
    expect(result.message).toMatch(message);
  });
});

describe('JSON that is not strict JSON', () => {
  test('GIVEN a trailing comma THEN it is read as YAML, as CloudFormation does, with positions', () => {
    // GIVEN
    const text = '{\n  "Resources": {\n    "B": {"Type": "AWS::S3::Bucket"},\n  }\n}\n';
    // WHEN
    const result = parsed(text);
    // THEN
    const resources = (result.value as { Resources: object }).Resources;
    expect(resources).toEqual({ B: { Type: 'AWS::S3::Bucket' } });
    expect(result.positionOfKey(resources, 'B')).toEqual({ line: 3, column: 5 });
  });

  test.each([
    ['JSON', '\uFEFF{\n  "Resources": {"B": {"Type": "AWS::S3::Bucket"}}\n}\n', { line: 2, column: 17 }],
    ['YAML', '\uFEFFResources:\n  B:\n    Type: AWS::S3::Bucket\n', { line: 2, column: 3 }],
  ])('GIVEN %s with a byte order mark THEN it is read, with positions', (_, text, position) => {
    const result = parsed(text);
    const resources = (result.value as { Resources: object }).Resources;
    expect(resources).toEqual({ B: { Type: 'AWS::S3::Bucket' } });
    expect(result.positionOfKey(resources, 'B')).toEqual(position);
  });
});

describe('key positions (line and column from 1)', () => {
  test.each([
    ['YAML', 'AWSTemplateFormatVersion: 2010-09-09\nResources:\n  First:\n    Type: AWS::S3::Bucket\n  "Second":\n    Type: AWS::S3::Bucket\n'],
    ['JSON', '{\n"AWSTemplateFormatVersion": "2010-09-09",\n"Resources": {\n  "First": {"Type": "AWS::S3::Bucket"},\n  "Second": {"Type": "AWS::S3::Bucket"}\n}}\n'],
  ])('GIVEN %s THEN each resource key where it is written', (format, text) => {
    const result = parsed(text);
    const template = result.value as { Resources: object };
    expect(result.positionOfKey(template.Resources, 'First')).toEqual({ line: format === 'YAML' ? 3 : 4, column: 3 });
    expect(result.positionOfKey(template.Resources, 'Second')).toEqual({ line: 5, column: 3 });
    expect(result.positionOfKey(template.Resources, 'Absent')).toBeUndefined();
    expect(result.positionOfKey({}, 'First')).toBeUndefined();
  });

  test('GIVEN minified JSON THEN positions on line 1', () => {
    const result = parsed('{"Resources":{"A":{"Type":"AWS::S3::Bucket"},"B":{}}}');
    const resources = (result.value as { Resources: object }).Resources;
    expect(result.positionOfKey(resources, 'A')).toEqual({ line: 1, column: 15 });
    expect(result.positionOfKey(resources, 'B')).toEqual({ line: 1, column: 46 });
  });

  test.each([
    ['JSON', '{\r\n  "Resources": {\r\n    "A": {}\r\n  }\r\n}\r\n'],
    ['YAML', 'Resources:\r\n\r\n    A: {}\r\n'],
  ])('GIVEN %s with CRLF line ends THEN lines count as in an editor', (_, text) => {
    const result = parsed(text);
    const resources = (result.value as { Resources: object }).Resources;
    expect(result.positionOfKey(resources, 'A')).toEqual({ line: 3, column: 5 });
  });
});
