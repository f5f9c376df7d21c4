import { App, aws_s3 as s3, aws_s3express as s3express, CfnParameter, CfnResource, Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import { isLiteral, lifecycleOfResource, renderedProperties } from '../../src/bucket-resource/lifecycle-of-resource';
import { lifecycleFromCloudFormation } from '../../src/policy/from-cloudformation';
import { LIFECYCLE_CASES } from '../fixtures/lifecycle-cases';

function stackWithParameter(): Stack {
  const stack = new Stack(new App(), 'Stack');
  new CfnParameter(stack, 'AbortDays', { type: 'Number', default: 1 });
  return stack;
}

/** The lifecycle as the synthesized template holds it, read through the full render. */
function fromTemplate(resource: CfnResource) {
  return lifecycleFromCloudFormation(renderedProperties(resource).LifecycleConfiguration);
}

describe('lifecycleOfResource reads what the template will hold', () => {
  test.each(LIFECYCLE_CASES)('$name: the same view as the rendered template (L1)', (c) => {
    const bucket = new s3.CfnBucket(stackWithParameter(), 'Bucket', { lifecycleConfiguration: c.cfn });
    expect(lifecycleOfResource(bucket)).toEqual(fromTemplate(bucket));
  });

  test('an L2 bucket reads its lazily rendered rules without a full render', () => {
    const bucket = new s3.Bucket(new Stack(new App(), 'Stack'), 'Bucket');
    bucket.addLifecycleRule({ abortIncompleteMultipartUploadAfter: Duration.days(3) });
    const resource = bucket.node.defaultChild as s3.CfnBucket;
    const render = jest.spyOn(resource, '_toCloudFormation');

    const view = lifecycleOfResource(resource);

    expect(render).not.toHaveBeenCalled();
    expect(view).toEqual(fromTemplate(resource));
    expect(view.rules).toHaveLength(1);
    expect(view.rules[0].abortDays).toBe(3);
  });

  test('a property override wins over the L1 property: the full template is read', () => {
    const bucket = new s3.CfnBucket(new Stack(new App(), 'Stack'), 'Bucket', {
      lifecycleConfiguration: { rules: [{ status: 'Enabled', abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }] },
    });
    bucket.addPropertyOverride('LifecycleConfiguration.Rules.0.Status', 'Disabled');

    expect(lifecycleOfResource(bucket).rules[0].enabled).toBe(false);
  });

  test('a deletion override removes the rules the L1 property still holds', () => {
    const bucket = new s3.CfnBucket(new Stack(new App(), 'Stack'), 'Bucket', {
      lifecycleConfiguration: { rules: [{ status: 'Enabled', abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }] },
    });
    bucket.addPropertyDeletionOverride('LifecycleConfiguration');

    expect(lifecycleOfResource(bucket).rules).toEqual([]);
  });

  test('an override anywhere on the resource means a full render', () => {
    const bucket = new s3.CfnBucket(new Stack(new App(), 'Stack'), 'Bucket');
    bucket.addOverride('Metadata.Owner', 'platform');
    const render = jest.spyOn(bucket, '_toCloudFormation');

    lifecycleOfResource(bucket);

    expect(render).toHaveBeenCalledTimes(1);
  });

  test('when the private overrides field is not what is expected, it falls back to a full render', () => {
    const bucket = new s3.CfnBucket(new Stack(new App(), 'Stack'), 'Bucket');
    const render = jest.spyOn(bucket, '_toCloudFormation').mockReturnValue({ Resources: { Bucket: { Properties: {} } } });
    Object.defineProperty(bucket, 'rawOverrides', { value: undefined });

    lifecycleOfResource(bucket);

    expect(render).toHaveBeenCalledTimes(1);
  });

  test('a generic CfnResource of type AWS::S3::Bucket is read from its rendered properties', () => {
    const resource = new CfnResource(new Stack(new App(), 'Stack'), 'Bucket', {
      type: 'AWS::S3::Bucket',
      properties: { LifecycleConfiguration: { Rules: [{ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } }] } },
    });

    expect(lifecycleOfResource(resource).rules[0].abortDays).toBe(2);
  });

  test('an S3 Express directory bucket is read the same way', () => {
    const bucket = new s3express.CfnDirectoryBucket(new Stack(new App(), 'Stack'), 'Bucket', {
      dataRedundancy: 'SingleAvailabilityZone',
      locationName: 'use1-az4',
      lifecycleConfiguration: { rules: [{ status: 'Enabled', abortIncompleteMultipartUpload: { daysAfterInitiation: 4 } }] },
    });

    expect(lifecycleOfResource(bucket)).toEqual(fromTemplate(bucket));
    expect(lifecycleOfResource(bucket).rules[0].abortDays).toBe(4);
  });
});

describe('isLiteral: values that Stack.resolve returns unchanged', () => {
  const stack = new Stack(new App(), 'Stack');

  test.each([
    ['undefined', undefined],
    ['null', null],
    ['a rule list', { rules: [{ id: 'abort', status: 'Enabled', prefix: '', abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } }] }],
    ['an intrinsic written by hand', { rules: { 'Fn::If': ['IsProd', [{ status: 'Enabled' }], { Ref: 'AWS::NoValue' }] } }],
    ['booleans, numbers and empty containers', { a: true, b: 0, c: -2.5, d: [], e: {} }],
    ['an object without a prototype', Object.assign(Object.create(null), { rules: [] })],
  ])('%s is literal, and resolves to an equal value', (_name, value) => {
    expect(isLiteral(value)).toBe(true);
    expect(stack.resolve(value)).toEqual(value);
  });

  test.each([
    ['a string token', { rules: [{ status: Lazy.string({ produce: () => 'Enabled' }) }] }],
    ['a number token', { rules: [{ abortIncompleteMultipartUpload: { daysAfterInitiation: Token.asNumber({ resolve: () => 7 }) } }] }],
    ['a list token', { rules: [{ tagFilters: Token.asList({ resolve: () => [] }) }] }],
    ['an IResolvable', { rules: Token.asAny({ resolve: () => [] }) }],
    ['a key that is a token', { [Lazy.string({ produce: () => 'rules' })]: [] }],
    ['undefined inside an array', { rules: [undefined, { status: 'Enabled' }] }],
    ['undefined as a value', { rules: [{ status: 'Enabled', prefix: undefined }] }],
    ['a class instance', { rules: [new Date(0)] }],
    ['a function', { rules: () => [] }],
    ['something that looks like a construct', { _children: {}, _metadata: [] }],
  ])('%s is left to Stack.resolve', (_name, value) => {
    expect(isLiteral(value)).toBe(false);
  });

  test('an L1 written with literal values costs no Stack.resolve call', () => {
    const bucket = new s3.CfnBucket(new Stack(new App(), 'Stack'), 'Bucket', {
      lifecycleConfiguration: { rules: [{ status: 'Enabled', abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }] },
    });
    const resolve = jest.spyOn(Stack.of(bucket), 'resolve');

    expect(lifecycleOfResource(bucket).rules[0].abortDays).toBe(1);
    expect(resolve).not.toHaveBeenCalled();
  });
});
