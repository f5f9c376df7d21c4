import { isTemplate, templateResources } from '../../src/policy/template-resources';

const BUCKET = { Type: 'AWS::S3::Bucket' };

describe('isTemplate', () => {
  test.each([
    ['a template with AWSTemplateFormatVersion', { AWSTemplateFormatVersion: '2010-09-09', Resources: {} }],
    ['a template without AWSTemplateFormatVersion', { Resources: { B: BUCKET } }],
    ['a SAM template', {
      Transform: 'AWS::Serverless-2016-10-31',
      Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'index.handler' } } },
    }],
    ['a template holding only a Fn::ForEach loop', { Resources: { 'Fn::ForEach::B': ['N', ['a'], { B: BUCKET }] } }],
  ])('GIVEN %s THEN it is a template', (_, value) => {
    expect(isTemplate(value)).toBe(true);
  });

  test.each([
    ['package.json', { name: 'app', version: '1.0.0', scripts: { build: 'tsc' } }],
    ['tsconfig.json', { compilerOptions: { strict: true } }],
    ['a Resources list', { Resources: ['a'] }],
    ['Resources without a Type', { Resources: { Thing: { Name: 'x' } } }],
    ['a Type that is not a string', { Resources: { Thing: { Type: { Ref: 'T' } } } }],
    ['a list', [{ Resources: { B: BUCKET } }]],
    ['a string', 'Resources'],
    ['null', null],
  ])('GIVEN %s THEN it is not a template', (_, value) => {
    expect(isTemplate(value)).toBe(false);
  });
});

describe('templateResources', () => {
  test('GIVEN resources and a loop THEN all in the order written, the loop expanded in place with its key', () => {
    // GIVEN
    const template = {
      Resources: {
        'First': { Type: 'AWS::S3::Bucket', Properties: { A: 1 }, Metadata: { M: 1 } },
        'Fn::ForEach::Loop': ['N', ['x', 'y'], { 'Loop${N}': BUCKET }],
        'Last': { Type: 'AWS::SQS::Queue' },
      },
    };
    // WHEN
    const resources = templateResources(template);
    // THEN
    expect(resources.map(r => [r.logicalId, r.writtenKey, r.type])).toEqual([
      ['First', 'First', 'AWS::S3::Bucket'],
      ['Loopx', 'Fn::ForEach::Loop', 'AWS::S3::Bucket'],
      ['Loopy', 'Fn::ForEach::Loop', 'AWS::S3::Bucket'],
      ['Last', 'Last', 'AWS::SQS::Queue'],
    ]);
    expect(resources[0]).toMatchObject({ properties: { A: 1 }, metadata: { M: 1 } });
    expect(resources[0].unresolved).toBeUndefined();
  });

  test('GIVEN a loop over a parameter THEN its output is unresolved', () => {
    const [only] = templateResources({ Resources: { 'Fn::ForEach::Loop': ['N', { Ref: 'P' }, { 'B${N}': BUCKET }] } });
    expect(only).toMatchObject({ logicalId: 'B${N}', writtenKey: 'Fn::ForEach::Loop', type: 'AWS::S3::Bucket' });
    expect(only.unresolved).toContain('not a literal list');
  });

  test('GIVEN a Fn::Transform key under Resources THEN it is read as a resource without a Type, without crashing', () => {
    const template = { Resources: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } }, 'B': BUCKET } };
    expect(isTemplate(template)).toBe(true);
    expect(templateResources(template).map(r => [r.logicalId, r.type])).toEqual([['Fn::Transform', undefined], ['B', 'AWS::S3::Bucket']]);
  });

  test.each([
    ['null', null],
    ['a string', 'AWS::S3::Bucket'],
    ['a list', [BUCKET]],
  ])('GIVEN a resource body that is %s THEN it has no type, properties or metadata', (_, body) => {
    const [only] = templateResources({ Resources: { R: body } });
    expect(only).toMatchObject({ logicalId: 'R', type: undefined, properties: undefined, metadata: undefined });
  });

  test('GIVEN no Resources mapping THEN no resources', () => {
    expect(templateResources({ Resources: 'none' })).toEqual([]);
  });
});
