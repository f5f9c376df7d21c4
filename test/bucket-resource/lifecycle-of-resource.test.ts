import { App, aws_s3 as s3, aws_s3express as s3express, CfnParameter, CfnResource, Duration, Stack } from 'aws-cdk-lib';
import { lifecycleOfResource, renderedProperties } from '../../src/bucket-resource/lifecycle-of-resource';
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
