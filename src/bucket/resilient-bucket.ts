import { aws_cloudwatch as cloudwatch, aws_iam as iam, aws_s3 as s3, Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AbortIncompleteUploads } from './abort-incomplete-uploads-mixin';
import { addRequestErrorAlarms, planRequestErrorAlarms } from './request-error-alarms';
import { RequestErrorAlarmsProps } from './request-error-alarms-props';
import { requestMetric } from './request-metric';
import { grantResumableUpload } from './resumable-upload-grant';
import { applyTransferAcceleration } from './transfer-acceleration';
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
export interface ResilientBucketProps extends s3.BucketProps, RequestErrorAlarmsProps {
  /**
   * Abort multipart uploads this long after they were started, with an enabled
   * lifecycle rule that covers the whole bucket. A whole number of days >= 1.
   * @default Duration.days(7)
   */
  readonly abortIncompleteUploadsAfter?: Duration;
}

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
    const alarms = planRequestErrorAlarms(check, props);

    super(scope, id, {
      ...props,
      blockPublicAccess: props.blockPublicAccess ?? s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: props.enforceSSL ?? true,
      minimumTLSVersion: props.minimumTLSVersion ?? ((props.enforceSSL ?? true) ? 1.2 : undefined),
      encryption: props.encryption ?? (props.encryptionKey ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED),
      // Decided below, as the TransferAcceleration mixin decides it.
      transferAcceleration: false,
    });

    this.abortIncompleteUploadsAfterDays = abortDays;
    // The AbortIncompleteUploads mixin's own path: the rule added unless the bucket's rules (its props, or an injector's) abort
    // in time already; a rule S3 would reject is left to the self-check below, which names it.
    const abortRule = new AbortIncompleteUploads({ after: Duration.days(abortDays), lifecycleRuleId: ABORT_RULE_ID });
    abortRule._fixLeniently(this.node.defaultChild as s3.CfnBucket);

    const resource = this.node.defaultChild as s3.CfnBucket;
    applyTransferAcceleration(resource, {
      requested: props.transferAcceleration, asked: 'transferAcceleration: true', optOut: 'set transferAcceleration: false',
    });
    const added = addRequestErrorAlarms(resource, alarms, check);
    this.requestMetricsFilterId = added.filterId;
    this.clientErrorAlarm = added.clientErrorAlarm;
    this.serverErrorAlarm = added.serverErrorAlarm;

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
    return requestMetric({ bucketName: this.bucketName, filterId: this.requestMetricsFilterId }, metricName, statistic, props);
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
