import { expandForEach } from '../../src/policy/for-each';

const bucket = (properties: unknown) => ({ Type: 'AWS::S3::Bucket', Properties: properties });

describe('expandForEach over a literal list', () => {
  test('GIVEN ${Id} in the output key THEN one resource per item, in order', () => {
    // WHEN
    const expanded = expandForEach('Fn::ForEach::Buckets', ['Name', ['Logs', 'Data'], { 'Bucket${Name}': bucket({}) }]);
    // THEN
    expect(expanded.map(r => r.logicalId)).toEqual(['BucketLogs', 'BucketData']);
    expect(expanded.every(r => r.unresolved === undefined)).toBe(true);
  });

  test('GIVEN &{Id} in the output key THEN the item without its non-alphanumeric characters', () => {
    const expanded = expandForEach('Fn::ForEach::Buckets', ['Name', ['my-logs', 'a.b_c'], { 'Bucket&{Name}': bucket({}) }]);
    expect(expanded.map(r => r.logicalId)).toEqual(['Bucketmylogs', 'Bucketabc']);
  });

  test('GIVEN { Ref: Id } and Fn::Sub in the body THEN the item is filled in', () => {
    // GIVEN
    const body = bucket({
      BucketName: { 'Fn::Sub': 'app-${Name}-${AWS::Region}' },
      Plain: { 'Fn::Sub': '${Name}-only' },
      ListForm: { 'Fn::Sub': ['${Name}-${Suffix}', { Suffix: { Ref: 'Name' } }] },
      Days: { Ref: 'Name' },
      Other: { Ref: 'OtherParameter' },
    });
    // WHEN
    const [first] = expandForEach('Fn::ForEach::Buckets', ['Name', ['7'], { 'Bucket${Name}': body }]);
    // THEN
    expect(first.body).toEqual(bucket({
      BucketName: { 'Fn::Sub': 'app-7-${AWS::Region}' },
      Plain: '7-only',
      ListForm: { 'Fn::Sub': ['7-${Suffix}', { Suffix: '7' }] },
      Days: '7',
      Other: { Ref: 'OtherParameter' },
    }));
  });

  test('GIVEN numbers in the collection THEN they are used as strings', () => {
    const expanded = expandForEach('Fn::ForEach::Days', ['D', [1, 3], { 'Bucket${D}': bucket({ Days: { Ref: 'D' } }) }]);
    expect(expanded.map(r => [r.logicalId, r.body])).toEqual([['Bucket1', bucket({ Days: '1' })], ['Bucket3', bucket({ Days: '3' })]]);
  });

  test('GIVEN a loop nested in the output THEN every pair of items', () => {
    // GIVEN
    const inner = ['Env', ['Dev', 'Prod'], { '${Team}${Env}Bucket': bucket({ Tag: { 'Fn::Sub': '${Team}-${Env}' } }) }];
    // WHEN
    const expanded = expandForEach('Fn::ForEach::Teams', ['Team', ['A', 'B'], { 'Fn::ForEach::Envs': inner }]);
    // THEN
    expect(expanded.map(r => r.logicalId)).toEqual(['ADevBucket', 'AProdBucket', 'BDevBucket', 'BProdBucket']);
    expect(expanded[1].body).toEqual(bucket({ Tag: 'A-Prod' }));
  });

  test('GIVEN two outputs per item THEN both, for each item', () => {
    const expanded = expandForEach('Fn::ForEach::X', ['N', ['a', 'b'], { '${N}Bucket': bucket({}), '${N}Policy': { Type: 'AWS::S3::BucketPolicy' } }]);
    expect(expanded.map(r => r.logicalId)).toEqual(['aBucket', 'aPolicy', 'bBucket', 'bPolicy']);
  });
});

describe('expandForEach that cannot be expanded', () => {
  test('GIVEN a collection from { Ref: Param } THEN each output is unresolved, naming the loop and the collection', () => {
    // WHEN
    const expanded = expandForEach('Fn::ForEach::Buckets', ['Name', { Ref: 'Names' }, { 'Bucket${Name}': bucket({}), 'Other${Name}': bucket({}) }]);
    // THEN
    expect(expanded).toEqual([
      { logicalId: 'Bucket${Name}', body: bucket({}), unresolved: 'Fn::ForEach::Buckets loops over {"Ref":"Names"}, which is not a literal list' },
      { logicalId: 'Other${Name}', body: bucket({}), unresolved: 'Fn::ForEach::Buckets loops over {"Ref":"Names"}, which is not a literal list' },
    ]);
  });

  test('GIVEN a list holding an intrinsic THEN unresolved', () => {
    const [only] = expandForEach('Fn::ForEach::B', ['N', ['a', { Ref: 'P' }], { 'B${N}': bucket({}) }]);
    expect(only.unresolved).toContain('not a literal list');
  });

  test.each([
    ['not a list', { Name: 'x' }],
    ['two elements', ['Name', ['a']]],
    ['an identifier that is not a string', [1, ['a'], { B: bucket({}) }]],
    ['outputs that are not a mapping', ['Name', ['a'], ['B']]],
  ])('GIVEN a malformed loop (%s) THEN one unresolved entry under the loop key', (_, loop) => {
    expect(expandForEach('Fn::ForEach::Bad', loop)).toEqual([{
      logicalId: 'Fn::ForEach::Bad',
      body: loop,
      unresolved: 'Fn::ForEach::Bad is not [Identifier, Collection, { OutputKey: Resource }]',
    }]);
  });
});
