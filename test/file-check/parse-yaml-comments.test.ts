import { parsed, problem } from './parsed-text';
import { StructuredText } from '../../src/file-check/structured-text';
import { YAML_COMMENT_CASES } from '../fixtures/yaml-comments';
import * as recording from '../fixtures/yaml-comments.cfn-lint.json';

/**
 * A `#` comment with no white space before it, where cfn-lint (PyYAML with libyaml) starts a
 * comment and YAML 1.2 wants a space: after a quoted scalar, a flow indicator, a block scalar
 * header or a %YAML directive. What cfn-lint answers is recorded (scripts/dev/record-cfn-lint-yaml.ts).
 */

interface CfnLintAnswer {
  readonly yaml: string;
  /** cfn-lint's parse errors (E0000): none where it reads the text. */
  readonly parseErrors: readonly string[];
  /** What cfn-lint's decoder reads: the value, or its error. */
  readonly decoded: { readonly value?: unknown; readonly error?: string };
}

interface Recorded extends CfnLintAnswer {
  /** What cfn-lint answers for the text that means what mpu-check reads, where mpu-check reads more. */
  readonly readsAs?: CfnLintAnswer;
}

const RECORDED = (recording as unknown as { cases: Record<string, Recorded> }).cases;

/** The value cfn-lint reads, after checking that its command line read the text too. */
function readByCfnLint(answer: CfnLintAnswer | undefined): unknown {
  expect(answer?.parseErrors).toEqual([]);
  expect(answer?.decoded.error).toBeUndefined();
  expect(answer?.decoded.value).toBeDefined();
  return answer!.decoded.value;
}

/**
 * Every mapping key of the value with the text at the position the reader gives it: the key as
 * written (quoted or not) must start there. A key that a short-form tag makes (`!Sub` makes
 * `Fn::Sub`) has no position of its own.
 */
function keysAtTheirPositions(text: string, result: StructuredText): Array<[string, string]> {
  const lines = text.split(/\r?\n/);
  const found: Array<[string, string]> = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        const position = result.positionOfKey(value, key);
        if (position !== undefined) {
          found.push([key, lines[position.line - 1].slice(position.column - 1).replace(/^['"]/, '').slice(0, key.length)]);
        } else {
          const shortForm = `!${key.replace(/^Fn::/, '')} `;
          found.push([key, text.includes(shortForm) ? key : `(no position, and no ${shortForm} in the text)`]);
        }
        walk(item);
      }
    }
  };
  walk(result.value);
  return found;
}

describe('YAML comments as cfn-lint reads them (recorded from cfn-lint)', () => {
  test('GIVEN the recording THEN it holds every case, with the text each case has now', () => {
    expect(Object.keys(RECORDED).sort()).toEqual(YAML_COMMENT_CASES.map(testCase => testCase.name).sort());
    for (const testCase of YAML_COMMENT_CASES) {
      const recorded = RECORDED[testCase.name];
      expect({ name: testCase.name, yaml: recorded.yaml, readsAs: recorded.readsAs?.yaml })
        .toEqual({ name: testCase.name, yaml: testCase.yaml, readsAs: testCase.mpuCheckReadsMore?.readsAs });
    }
  });

  test.each(YAML_COMMENT_CASES.map(testCase => [testCase.name]))('GIVEN %s THEN cfn-lint\'s command line refuses it where its decoder does', (name) => {
    const recorded = RECORDED[name];
    expect(recorded.parseErrors.length > 0).toBe(recorded.decoded.error !== undefined);
  });

  const read = YAML_COMMENT_CASES.filter(testCase => RECORDED[testCase.name].parseErrors.length === 0);
  const refused = YAML_COMMENT_CASES.filter(testCase => RECORDED[testCase.name].parseErrors.length > 0);

  test.each(read.map(testCase => [testCase.name, testCase]))('GIVEN %s, which cfn-lint reads, THEN the value cfn-lint reads, keys where they are written', (_name, testCase) => {
    // GIVEN
    const expected = readByCfnLint(RECORDED[testCase.name]);
    expect(testCase.mpuCheckReadsMore).toBeUndefined();
    // WHEN
    const result = parsed(testCase.yaml);
    // THEN
    expect(result.value).toEqual(expected);
    for (const [key, at] of keysAtTheirPositions(testCase.yaml, result)) {
      expect({ key, at }).toEqual({ key, at: key });
    }
  });

  test.each(refused.filter(testCase => testCase.mpuCheckReadsMore === undefined).map(testCase => [testCase.name, testCase]))(
    'GIVEN %s, which cfn-lint refuses, THEN mpu-check refuses it too', (_name, testCase) => {
      expect(problem(testCase.yaml).message).toMatch(/^not valid YAML: /);
    });

  test.each(refused.filter(testCase => testCase.mpuCheckReadsMore !== undefined).map(testCase => [testCase.name, testCase]))(
    'GIVEN %s, which cfn-lint refuses, THEN mpu-check reads it, as cfn-lint reads the text that means what mpu-check reads', (_name, testCase) => {
      // GIVEN
      const expected = readByCfnLint(RECORDED[testCase.name].readsAs);
      // WHEN
      const result = parsed(testCase.yaml);
      // THEN
      expect(result.value).toEqual(expected);
    });
});

describe('a comment with no white space before it', () => {
  test("GIVEN the issue's !Sub 'arn:...'#note THEN the string, and the next key on the next line", () => {
    // GIVEN
    const text = "Value: !Sub 'arn:aws:s3:::b'#note\nNext: 1\n";
    // WHEN
    const result = parsed(text);
    // THEN
    expect(result.value).toEqual({ Value: { 'Fn::Sub': 'arn:aws:s3:::b' }, Next: 1 });
    expect(result.positionOfKey(result.value as object, 'Next')).toEqual({ line: 2, column: 1 });
  });

  test.each([
    ['a quoted scalar', "Resources:\n  A: 'x'#note\n  B: [1]#note\n  A: 2\n", 4, 'not valid YAML: duplicate key "A"'],
    ['a flow mapping, CRLF line ends', 'Resources:\r\n  A: {B: 1}#note\r\n  A: 2\r\n', 3, 'not valid YAML: duplicate key "A"'],
    ['a block scalar header', 'Description: |#note\n  text\nDescription: x\n', 3, 'not valid YAML: duplicate key "Description"'],
    ['a quoted scalar, then a second document', "A: 'x'#note\n---\nB: 2\n", 2, 'not valid YAML: Source contains multiple documents'],
    ['a directive, then a second document', '%YAML 1.1#note\n---\nA: 1\n---\nB: 2\n', 4, 'not valid YAML: Source contains multiple documents'],
  ])('GIVEN %s with a comment, then an error THEN the error at its own line', (_what, text, line, message) => {
    expect(problem(text)).toEqual({ line, message });
  });

  test('GIVEN comments after flow indicators in YAML nested past the bound THEN still refused at the bound', () => {
    const text = `a: ${'[#note\n'.repeat(200)}x${']'.repeat(200)}\n`;
    expect(problem(text).message).toBe('not read: sequences and mappings nested more than 128 deep');
  });

  test('GIVEN more than 1,000 aliases, each in a flow sequence with a comment THEN still refused', () => {
    const text = `a: &a ['x']#note\n${Array.from({ length: 1001 }, (_, i) => `k${i}: [*a]#note`).join('\n')}\n`;
    expect(problem(text).message).toBe('more than 1000 YAML aliases');
  });

  test('GIVEN an anchor on a quoted scalar with a comment THEN an alias copies the scalar', () => {
    expect(parsed("a: &a 'x'#note\nb: *a\n").value).toEqual({ a: 'x', b: 'x' });
  });

  test.each([
    ['a # in a block scalar', 'v: |\n  #!/bin/sh\n  echo \'a\'#b [c]#d\n', "#!/bin/sh\necho 'a'#b [c]#d\n"],
    ['a # in a block scalar at the left margin', '--- |\n%YAML 1.1#b\n\'a\'#b\n', "%YAML 1.1#b\n'a'#b\n"],
    ['a quote and a # in a double-quoted scalar', 'v: "it\'s\'#not a comment"\n', "it's'#not a comment"],
    ['a quote and a # in a plain scalar', "v: it's'#b\n", "it's'#b"],
    ['a # in a plain scalar in a flow sequence', 'v: [a#b]\n', ['a#b']],
  ])('GIVEN %s THEN it is text, as before', (_what, text, expected) => {
    const value = parsed(text).value;
    expect(typeof value === 'object' && value !== null && 'v' in value ? value.v : value).toEqual(expected);
  });
});
