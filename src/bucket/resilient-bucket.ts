import {
  Annotations, aws_cloudwatch as cloudwatch, aws_iam as iam, aws_s3 as s3, Duration, Token,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { createErrorRateAlarm } from './error-rate-alarm';
import { ErrorRateAlarmOptions } from './error-rate-alarm-options';
import { grantResumableUpload } from './resumable-upload-grant';
import { accelerationWhereOffered, planTransferAcceleration } from './transfer-acceleration';
import { evaluateBucketResource } from '../bucket-resource/bucket-resource';
import { Verdict } from '../policy/verdict';
import { PropChecks } from '../props/prop-checks';

/**
 * Properties of a ResilientBucket: every `s3.BucketProps`, plus the guards below.
 *
 * Defaults that differ from `s3.Bucket`: `blockPublicAccess` is BLOCK_ALL,
 * `enforceSSL` is true with `minimumTLSVersion` 1.2, `encryption` is S3_MANAGED,
 * and `transferAcceleration` is on where S3 offers it (left off with a warning
 * for a dotted bucket name or a region without it; an explicit `true` there is
 * an error).
 */
export interface ResilientBucketProps extends s3.BucketProps {
  /**
   * Abort multipart uploads this long after they were started, with an enabled
   * lifecycle rule that covers the whole bucket. A whole number of days >= 1.
   * @default Duration.days(7)
   */
  readonly abortIncompleteUploadsAfter?: Duration;

  /**
   * The id of the whole-bucket request-metrics filter the alarms and metric
   * helpers read (the `FilterId` dimension). An existing whole-bucket entry in
   * `metrics` is reused instead.
   * @default 'EntireBucket'
   */
  readonly requestMetricsFilterId?: string;

  /**
   * The alarm on the 4xx (client) error rate.
   * @default - enabled, above 5% of requests in 3 of 3 periods of 5 minutes
   */
  readonly clientErrorAlarm?: ErrorRateAlarmOptions;

  /**
   * The alarm on the 5xx (server) error rate.
   * @default - enabled, above 1% of requests in 3 of 3 periods of 5 minutes
   */
  readonly serverErrorAlarm?: ErrorRateAlarmOptions;

  /**
   * Actions for both error-rate alarms, e.g. an SNS topic.
   * @default - no actions
   */
  readonly alarmActions?: cloudwatch.IAlarmAction[];
}

const DEFAULT_FILTER_ID = 'EntireBucket';
const ABORT_RULE_ID = 'AbortIncompleteMultipartUploads';

/**
 * A drop-in `s3.Bucket` that never bills you for multipart uploads that never
 * finished: a whole-bucket rule aborts them, request metrics with 4xx/5xx
 * alarms show when uploads fail, and Transfer Acceleration makes them fail less.
 * Secure by default: public access blocked, SSL enforced, encryption on.
 *
 * @example
 * import { App, Duration, Stack } from 'aws-cdk-lib';
 * import { ResilientBucket } from 'cdk-mpu-guard';
 *
 * const stack = new Stack(new App(), 'Uploads', { env: { region: 'eu-west-1' } });
 * new ResilientBucket(stack, 'Uploads', { abortIncompleteUploadsAfter: Duration.days(3) });
 */
export class ResilientBucket extends s3.Bucket {
  /** The days after initiation at which incomplete multipart uploads are aborted. */
  public readonly abortIncompleteUploadsAfterDays: number;
  /** The `FilterId` of the whole-bucket request-metrics configuration. */
  public readonly requestMetricsFilterId: string;
  /** The 4xx error-rate alarm, unless disabled. */
  public readonly clientErrorAlarm?: cloudwatch.Alarm;
  /** The 5xx error-rate alarm, unless disabled. */
  public readonly serverErrorAlarm?: cloudwatch.Alarm;

  /**
   * @param scope where the bucket goes
   * @param id the bucket's construct id
   * @param props every `s3.BucketProps`, plus the abort rule, metrics, alarms and acceleration
   */
  constructor(scope: Construct, id: string, props: ResilientBucketProps = {}) {
    const check = new PropChecks('ResilientBucket', scope, id);
    const abortDays = abortDaysOf(check, props.abortIncompleteUploadsAfter ?? Duration.days(7));
    const acceleration = planTransferAcceleration(scope, id, props.transferAcceleration, props.bucketName);
    const filterId = requestMetricsFilterIdOf(check, props);

    super(scope, id, {
      ...props,
      blockPublicAccess: props.blockPublicAccess ?? s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: props.enforceSSL ?? true,
      minimumTLSVersion: props.minimumTLSVersion ?? ((props.enforceSSL ?? true) ? 1.2 : undefined),
      encryption: props.encryption ?? (props.encryptionKey ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED),
      transferAcceleration: acceleration.kind === 'on',
    });

    this.abortIncompleteUploadsAfterDays = abortDays;
    this.requestMetricsFilterId = filterId;
    this.addLifecycleRule({ id: ABORT_RULE_ID, enabled: true, abortIncompleteMultipartUploadAfter: Duration.days(abortDays) });
    if (!(props.metrics ?? []).some(metric => metric.id === filterId)) {
      this.addMetric({ id: filterId });
    }

    if (acceleration.kind === 'where-offered') {
      (this.node.defaultChild as s3.CfnBucket).accelerateConfiguration = accelerationWhereOffered(this);
    } else if (acceleration.kind === 'off' && acceleration.warning) {
      Annotations.of(this).addWarningV2('cdk-mpu-guard:transferAccelerationOff', acceleration.warning);
    }

    const actions = props.alarmActions ?? [];
    this.clientErrorAlarm = createErrorRateAlarm(this, 'ClientErrorRateAlarm', props.clientErrorAlarm ?? {}, {
      check, propName: 'clientErrorAlarm', metric: this.metricClientErrors(), defaultThreshold: 0.05, description: 'S3 4xx error rate', actions,
    });
    this.serverErrorAlarm = createErrorRateAlarm(this, 'ServerErrorRateAlarm', props.serverErrorAlarm ?? {}, {
      check, propName: 'serverErrorAlarm', metric: this.metricServerErrors(), defaultThreshold: 0.01, description: 'S3 5xx error rate', actions,
    });

    this.node.addValidation({ validate: () => this.checkAbortRule() });
  }

  /**
   * The share of requests that failed with a 4xx error (Average of `4xxErrors`);
   * use statistic Sum for a count.
   */
  public metricClientErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.requestMetric('4xxErrors', 'Average', props);
  }

  /**
   * The share of requests that failed with a 5xx error (Average of `5xxErrors`);
   * use statistic Sum for a count.
   */
  public metricServerErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.requestMetric('5xxErrors', 'Average', props);
  }

  /**
   * Grants exactly what the resumable uploader (`mpu-upload`, `uploadFile`) needs here, to upload, resume and abort.
   *
   * On the bucket: s3:ListBucket (so that HeadObject of a new key answers 404, not 403) and
   * s3:ListBucketMultipartUploads. On the objects of `objectsKeyPattern`: s3:GetObject, s3:PutObject,
   * s3:ListMultipartUploadParts and s3:AbortMultipartUpload. With an `encryptionKey`, also
   * kms:GenerateDataKey and kms:Decrypt on it (S3 decrypts the parts' data keys to complete a
   * multipart upload). A grantee of another account also gets the statements in the bucket's
   * policy, as with `grantPut`. No s3:DeleteObject: the uploader never deletes.
   *
   * @param grantee the role, user or other principal that runs the uploader
   * @param objectsKeyPattern the keys it may upload to, e.g. `incoming/*`; default every key (`*`)
   */
  public grantResumableUpload(grantee: iam.IGrantable, objectsKeyPattern: string = '*'): iam.Grant {
    return grantResumableUpload(this, grantee, objectsKeyPattern);
  }

  /** The number of requests of every kind (Sum of `AllRequests`). */
  public metricAllRequests(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.requestMetric('AllRequests', 'Sum', props);
  }

  private requestMetric(metricName: string, statistic: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/S3',
      metricName,
      dimensionsMap: { BucketName: this.bucketName, FilterId: this.requestMetricsFilterId },
      statistic,
      period: Duration.minutes(5),
      ...props,
    });
  }

  /** The self-check: whatever changed the bucket since, it must still abort incomplete uploads in time. */
  private checkAbortRule(): string[] {
    const evaluation = evaluateBucketResource(this.node.defaultChild as s3.CfnBucket, this.abortIncompleteUploadsAfterDays);
    if (evaluation.verdict === Verdict.COMPLIANT) {
      return [];
    }
    const id = evaluation.ruleId ?? 'MultipartUpload-UNRESOLVED';
    return [
      `${id}: ResilientBucket must abort incomplete multipart uploads within ${this.abortIncompleteUploadsAfterDays} days, but ${evaluation.reason}. `
      + 'Remove the lifecycle rule or override that breaks it; ResilientBucket adds the whole-bucket abort rule itself '
      + '(set abortIncompleteUploadsAfter to change its days).',
    ];
  }
}

function abortDaysOf(check: PropChecks, after: Duration): number {
  const prop = 'abortIncompleteUploadsAfter';
  check.literalDuration(prop, after, 'so the bucket can be checked at synthesis');
  const days = after.toDays({ integral: false });
  const inDays = Number.isFinite(days) && days > 0 ? `: ${after} is ${Math.round(days * 10_000) / 10_000} days` : '';
  return check.days(prop, after, { explanation: `${inDays}. Lifecycle rules count whole days; use Duration.days(n) with n >= 1.` });
}

function requestMetricsFilterIdOf(check: PropChecks, props: ResilientBucketProps): string {
  const coversWholeBucket = (metric: s3.BucketMetrics) => !metric.prefix && !(metric.tagFilters && Object.keys(metric.tagFilters).length > 0);
  const requested = props.requestMetricsFilterId;
  if (requested !== undefined && !Token.isUnresolved(requested) && !/^[A-Za-z0-9._-]{1,64}$/.test(requested)) {
    throw check.error(`requestMetricsFilterId must be 1 to 64 letters, digits, periods, dashes or underscores, as S3 requires of a metrics configuration id (got "${requested}")`);
  }
  const filterId = requested ?? (props.metrics ?? []).find(coversWholeBucket)?.id ?? DEFAULT_FILTER_ID;
  const clash = (props.metrics ?? []).find(metric => metric.id === filterId && !coversWholeBucket(metric));
  if (clash) {
    throw check.error(`requestMetricsFilterId "${filterId}" names a metrics entry limited by a prefix or tags; the error alarms need a whole-bucket filter. Choose another requestMetricsFilterId.`);
  }
  return filterId;
}
