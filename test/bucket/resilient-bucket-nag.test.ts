import {
  App, aws_cloudwatch_actions as actions, aws_iam as iam, aws_kms as kms, aws_s3 as s3, aws_sns as sns, Stack, Validations,
} from 'aws-cdk-lib';
import { AwsSolutionsChecks, NagPack, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { Construct } from 'constructs';
import { MultipartUploadChecks, ResilientBucket, ResilientBucketProps } from '../../src';

type PackName = 'AwsSolutions' | 'NIST 800-53 R5' | 'PCI DSS 3.2.1' | 'MultipartUpload';
const PACKS: Record<PackName, (app: App) => NagPack> = {
  'AwsSolutions': app => new AwsSolutionsChecks(app),
  'NIST 800-53 R5': app => new NIST80053R5Checks(app),
  'PCI DSS 3.2.1': app => new PCIDSS321Checks(app),
  'MultipartUpload': app => new MultipartUploadChecks(app),
};
const PACK_NAMES = Object.keys(PACKS) as PackName[];

/**
 * `severity RuleId at construct path` for every finding of the pack, errors and
 * warnings alike (none of these packs reports a bucket or alarm rule as a
 * warning today; a new warning must show up here too), under `scope` only.
 */
function findings(pack: PackName, configure: (stack: Stack) => void, under = 'Stack/'): string[] {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { region: 'us-east-1', account: '111111111111' } });
  configure(stack);
  return PACKS[pack](app).validateScope(app).violations
    .flatMap(violation => violation.violatingResources.map(resource => `${violation.severity} ${violation.ruleName} at ${resource.constructPath}`))
    .filter(finding => finding.split(' at ')[1].startsWith(under))
    .sort();
}

const ruleIdOf = (finding: string) => finding.split(' ')[1];

/** What the default props leave, per pack: each one is documented in docs/resilient-bucket.md with the prop that clears it. */
const DEFAULT_FINDINGS: Record<PackName, string[]> = {
  'AwsSolutions': [
    'error AwsSolutions-S1 at Stack/Bucket/Resource',
  ],
  'NIST 800-53 R5': [
    'error NIST.800.53.R5-CloudWatchAlarmAction at Stack/Bucket/ClientErrorRateAlarm/Resource',
    'error NIST.800.53.R5-CloudWatchAlarmAction at Stack/Bucket/ServerErrorRateAlarm/Resource',
    'error NIST.800.53.R5-S3BucketLoggingEnabled at Stack/Bucket/Resource',
    'error NIST.800.53.R5-S3BucketReplicationEnabled at Stack/Bucket/Resource',
    'error NIST.800.53.R5-S3BucketVersioningEnabled at Stack/Bucket/Resource',
    'error NIST.800.53.R5-S3DefaultEncryptionKMS at Stack/Bucket/Resource',
  ],
  'PCI DSS 3.2.1': [
    'error PCI.DSS.321-S3BucketLoggingEnabled at Stack/Bucket/Resource',
    'error PCI.DSS.321-S3BucketReplicationEnabled at Stack/Bucket/Resource',
    'error PCI.DSS.321-S3BucketVersioningEnabled at Stack/Bucket/Resource',
    'error PCI.DSS.321-S3DefaultEncryptionKMS at Stack/Bucket/Resource',
  ],
  'MultipartUpload': [],
};

const PLAIN_BUCKET_FINDINGS: Record<PackName, string[]> = {
  'AwsSolutions': [
    'error AwsSolutions-S1 at Stack/Bucket/Resource',
    'error AwsSolutions-S10 at Stack/Bucket/Resource',
  ],
  'NIST 800-53 R5': [
    'error NIST.800.53.R5-S3BucketLoggingEnabled at Stack/Bucket/Resource',
    'error NIST.800.53.R5-S3BucketPublicReadProhibited at Stack/Bucket/Resource',
    'error NIST.800.53.R5-S3BucketPublicWriteProhibited at Stack/Bucket/Resource',
    'error NIST.800.53.R5-S3BucketReplicationEnabled at Stack/Bucket/Resource',
    'error NIST.800.53.R5-S3BucketSSLRequestsOnly at Stack/Bucket/Resource',
    'error NIST.800.53.R5-S3BucketVersioningEnabled at Stack/Bucket/Resource',
    'error NIST.800.53.R5-S3DefaultEncryptionKMS at Stack/Bucket/Resource',
  ],
  'PCI DSS 3.2.1': [
    'error PCI.DSS.321-S3BucketLoggingEnabled at Stack/Bucket/Resource',
    'error PCI.DSS.321-S3BucketPublicReadProhibited at Stack/Bucket/Resource',
    'error PCI.DSS.321-S3BucketPublicWriteProhibited at Stack/Bucket/Resource',
    'error PCI.DSS.321-S3BucketReplicationEnabled at Stack/Bucket/Resource',
    'error PCI.DSS.321-S3BucketSSLRequestsOnly at Stack/Bucket/Resource',
    'error PCI.DSS.321-S3BucketVersioningEnabled at Stack/Bucket/Resource',
    'error PCI.DSS.321-S3DefaultEncryptionKMS at Stack/Bucket/Resource',
  ],
  'MultipartUpload': [
    'error MultipartUpload-MPU1 at Stack/Bucket/Resource',
  ],
};

// A compliant home for access logs, a replica and an alarm topic: none of them is part of the bucket under test.
function logsBucket(scope: Construct): s3.IBucket {
  return new s3.Bucket(scope, 'Logs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
}
function replicaBucket(scope: Construct): s3.IBucket {
  return new s3.Bucket(scope, 'Replica', { versioned: true, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
}
function replicationRole(scope: Construct): iam.IRole {
  return new iam.Role(scope, 'ReplicationRole', { assumedBy: new iam.ServicePrincipal('s3.amazonaws.com') });
}
function topicAction(scope: Construct): actions.SnsAction {
  return new actions.SnsAction(new sns.Topic(scope, 'Topic'));
}

describe('ResilientBucket against cdk-nag packs', () => {
  describe.each(PACK_NAMES)('%s', (pack) => {
    test('with default props, the findings are exactly the documented ones', () => {
      expect(findings(pack, stack => new ResilientBucket(stack, 'Bucket'))).toEqual(DEFAULT_FINDINGS[pack]);
    });

    test('a plain s3.Bucket gets more: public access, SSL and the abort rule are what ResilientBucket clears', () => {
      expect(findings(pack, stack => new s3.Bucket(stack, 'Bucket'))).toEqual(PLAIN_BUCKET_FINDINGS[pack]);
    });
  });

  test('every finding on the defaults\' bucket resource is one a plain s3.Bucket has too', () => {
    for (const pack of PACK_NAMES) {
      const onBucket = DEFAULT_FINDINGS[pack].filter(finding => finding.endsWith(' at Stack/Bucket/Resource'));
      expect(PLAIN_BUCKET_FINDINGS[pack]).toEqual(expect.arrayContaining(onBucket));
    }
  });

  // [prop that clears, props given the stack, the rule ids it clears]
  const clearingProps: Array<[string, (stack: Stack) => ResilientBucketProps, string[]]> = [
    ['serverAccessLogsBucket', stack => ({ serverAccessLogsBucket: logsBucket(stack) }),
      ['AwsSolutions-S1', 'NIST.800.53.R5-S3BucketLoggingEnabled', 'PCI.DSS.321-S3BucketLoggingEnabled']],
    ['versioned', () => ({ versioned: true }),
      ['NIST.800.53.R5-S3BucketVersioningEnabled', 'PCI.DSS.321-S3BucketVersioningEnabled']],
    ['encryption: KMS_MANAGED', () => ({ encryption: s3.BucketEncryption.KMS_MANAGED }),
      ['NIST.800.53.R5-S3DefaultEncryptionKMS', 'PCI.DSS.321-S3DefaultEncryptionKMS']],
    ['encryption: KMS (a key with rotation, made by the bucket)', () => ({ encryption: s3.BucketEncryption.KMS }),
      ['NIST.800.53.R5-S3DefaultEncryptionKMS', 'PCI.DSS.321-S3DefaultEncryptionKMS']],
    ['encryptionKey', stack => ({ encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }) }),
      ['NIST.800.53.R5-S3DefaultEncryptionKMS', 'PCI.DSS.321-S3DefaultEncryptionKMS']],
    ['alarmActions', stack => ({ alarmActions: [topicAction(stack)] }),
      ['NIST.800.53.R5-CloudWatchAlarmAction']],
    ['clientErrorAlarm and serverErrorAlarm disabled', () => ({ clientErrorAlarm: { enabled: false }, serverErrorAlarm: { enabled: false } }),
      ['NIST.800.53.R5-CloudWatchAlarmAction']],
    ['replicationRules with versioned and a replicationRole of yours', stack => ({
      versioned: true, replicationRole: replicationRole(stack), replicationRules: [{ destination: replicaBucket(stack), priority: 1 }],
    }), [
      'NIST.800.53.R5-S3BucketReplicationEnabled', 'PCI.DSS.321-S3BucketReplicationEnabled',
      'NIST.800.53.R5-S3BucketVersioningEnabled', 'PCI.DSS.321-S3BucketVersioningEnabled',
    ]],
  ];

  describe.each(clearingProps)('%s', (_prop, propsOf, cleared) => {
    test.each(PACK_NAMES)('clears exactly its findings in %s and adds none to the bucket', (pack) => {
      // GIVEN the findings the defaults leave, minus the ones this prop is documented to clear
      const expected = DEFAULT_FINDINGS[pack].filter(finding => !cleared.includes(ruleIdOf(finding)));
      // WHEN the prop is set
      const actual = findings(pack, stack => new ResilientBucket(stack, 'Bucket', propsOf(stack)), 'Stack/Bucket/');
      // THEN
      expect(actual).toEqual(expected);
    });

    test('each rule it is documented to clear is left by the defaults', () => {
      const left = PACK_NAMES.flatMap(pack => DEFAULT_FINDINGS[pack].map(ruleIdOf));
      expect(left).toEqual(expect.arrayContaining(cleared));
    });
  });

  test('replicationRules with the role s3.Bucket makes: the role\'s policy has IAM findings of its own', () => {
    const props = (stack: Stack): ResilientBucketProps => ({
      versioned: true, replicationRules: [{ destination: replicaBucket(stack), priority: 1 }],
    });
    const policy = 'at Stack/Bucket/ReplicationRole/DefaultPolicy/Resource';
    expect(findings('AwsSolutions', stack => new ResilientBucket(stack, 'Bucket', props(stack)), 'Stack/Bucket/')).toEqual([
      `error AwsSolutions-IAM5[Resource::<Bucket83908E77.Arn>/*] ${policy}`,
      `error AwsSolutions-IAM5[Resource::<ReplicaDDFB2A87.Arn>/*] ${policy}`,
      'error AwsSolutions-S1 at Stack/Bucket/Resource',
    ]);
    expect(findings('NIST 800-53 R5', stack => new ResilientBucket(stack, 'Bucket', props(stack)), 'Stack/Bucket/ReplicationRole/'))
      .toEqual([`error NIST.800.53.R5-IAMNoInlinePolicy ${policy}`]);
    expect(findings('PCI DSS 3.2.1', stack => new ResilientBucket(stack, 'Bucket', props(stack)), 'Stack/Bucket/ReplicationRole/'))
      .toEqual([`error PCI.DSS.321-IAMNoInlinePolicy ${policy}`]);
  });

  test('with every clearing prop set, no pack has a finding on the bucket, its alarms or its key', () => {
    const fullyCleared = (stack: Stack) => new ResilientBucket(stack, 'Bucket', {
      serverAccessLogsBucket: logsBucket(stack),
      versioned: true,
      encryption: s3.BucketEncryption.KMS,
      replicationRole: replicationRole(stack),
      replicationRules: [{ destination: replicaBucket(stack), priority: 1 }],
      alarmActions: [topicAction(stack)],
    });
    for (const pack of PACK_NAMES) {
      expect({ pack, findings: findings(pack, fullyCleared, 'Stack/Bucket/') }).toEqual({ pack, findings: [] });
    }
  });

  test('a finding you accept is acknowledged on the bucket with a reason, as docs/resilient-bucket.md shows', () => {
    const acknowledged = findings('PCI DSS 3.2.1', stack => {
      const bucket = new ResilientBucket(stack, 'Bucket');
      Validations.of(bucket).acknowledge(
        { id: 'PCI.DSS.321-S3BucketReplicationEnabled', reason: 'scratch uploads, rebuilt from the source system' },
        { id: 'PCI.DSS.321-S3BucketVersioningEnabled', reason: 'scratch uploads, rebuilt from the source system' },
      );
    });
    expect(acknowledged).toEqual([
      'error PCI.DSS.321-S3BucketLoggingEnabled at Stack/Bucket/Resource',
      'error PCI.DSS.321-S3DefaultEncryptionKMS at Stack/Bucket/Resource',
    ]);
  });
});
