import {
  aws_cloudwatch as cloudwatch, aws_events as events, aws_events_targets as targets, aws_iam as iam,
  aws_lambda as lambda, aws_logs as logs, Duration, Stack, Validations,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AuditAndPublishFunction } from './audit-and-publish-function';
import { BUCKET_DIMENSION, MonitorMetric } from './monitor-metrics';
import { resolveMonitorProps } from './monitor-props-validation';
import { OrphanedUploadsMonitorProps } from './orphaned-uploads-monitor-props';
import { MONITOR_SETTINGS_VARIABLE } from './runtime/monitor-settings';
import { createAlarm } from '../alarms/alarm-factory';
import { ABORT_PERMISSION, FIX_LIFECYCLE_PERMISSION, READ_PERMISSIONS } from '../audit/permissions';
import { IamPermission } from '../facts/iam-permission';
import { functionRole } from '../lambda/function-role';
import { permissionStatements } from '../lambda/permission-statements';
import { PropChecks } from '../props/prop-checks';

/**
 * Runs mpu-audit's audit on a schedule in this account and publishes the orphaned
 * bytes, uploads and buckets failing the abort rule as CloudWatch metrics, with an
 * alarm on the total. Read-only unless clean-up or the lifecycle fix is switched on.
 *
 * @example
 * import { App, Duration, Stack } from 'aws-cdk-lib';
 * import { OrphanedUploadsMonitor } from 'cdk-mpu-guard';
 *
 * const stack = new Stack(new App(), 'Watch');
 * new OrphanedUploadsMonitor(stack, 'OrphanedUploads', { abortOrphansOlderThan: Duration.days(7) });
 */
export class OrphanedUploadsMonitor extends Construct {
  /** The scheduled function that audits and publishes. */
  public readonly auditFunction: lambda.IFunction;
  /** The function's role: the read-only audit permissions, plus what clean-up and fix need when on. */
  public readonly role: iam.IRole;
  /** Fires when total orphaned bytes are above the threshold. */
  public readonly orphanedBytesAlarm: cloudwatch.Alarm;
  /** Fires when a run's clean-up could not remove an orphan (`AbortFailures` >= 1); only with clean-up on. */
  public readonly abortFailuresAlarm?: cloudwatch.Alarm;
  /** The namespace the metrics are published to. */
  public readonly namespace: string;

  /**
   * @param scope where the monitor goes
   * @param id the monitor's construct id
   * @param props what to audit, when, the alarm, and the clean-up if any
   */
  constructor(scope: Construct, id: string, props: OrphanedUploadsMonitorProps = {}) {
    super(scope, id);
    const resolved = resolveMonitorProps(new PropChecks('OrphanedUploadsMonitor', scope, id), props);
    const { settings } = resolved;
    this.namespace = settings.namespace;

    const { role, logGroup } = functionRole(this, '', 'cdk-mpu-guard OrphanedUploadsMonitor: audits incomplete multipart uploads and publishes metrics',
      props.logRetention ?? logs.RetentionDays.ONE_MONTH);
    const permissions: IamPermission[] = [...READ_PERMISSIONS];
    if (settings.abortOrphansOlderThanDays !== null) permissions.push(ABORT_PERMISSION);
    if (settings.fixLifecycleDays !== null) permissions.push(FIX_LIFECYCLE_PERMISSION);
    for (const statement of permissionStatements(this, permissions, settings.buckets)) role.addToPrincipalPolicy(statement);
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': settings.namespace } },
    }));
    this.role = role;

    this.auditFunction = new AuditAndPublishFunction(this, 'Function', {
      description: 'cdk-mpu-guard: audits incomplete multipart uploads and publishes CloudWatch metrics',
      role,
      logGroup,
      timeout: resolved.timeout,
      memorySize: resolved.memorySize,
      // A failed run waits for the next schedule instead of being retried at once.
      retryAttempts: 0,
      environment: { [MONITOR_SETTINGS_VARIABLE]: Stack.of(this).toJsonString(settings) },
    });

    new events.Rule(this, 'Schedule', {
      description: 'cdk-mpu-guard OrphanedUploadsMonitor run',
      schedule: props.schedule ?? events.Schedule.rate(Duration.days(1)),
      targets: [new targets.LambdaFunction(this.auditFunction)],
    });

    this.orphanedBytesAlarm = createAlarm(this, 'OrphanedBytesAlarm', {
      metric: this.metricOrphanedBytes(),
      threshold: resolved.alarmThresholdBytes,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // Runs are a day apart: between them the alarm keeps its state.
      treatMissingData: cloudwatch.TreatMissingData.IGNORE,
      alarmName: props.alarmName,
      description: `Orphaned multipart uploads hold more than ${resolved.alarmThresholdBytes} bytes (cdk-mpu-guard OrphanedUploadsMonitor)`,
      actions: props.alarmActions,
    });
    if (resolved.abortFailuresAlarm) {
      this.abortFailuresAlarm = createAlarm(this, 'AbortFailuresAlarm', {
        metric: this.metricAbortFailures(),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.IGNORE,
        alarmName: props.abortFailuresAlarmName,
        description: 'The clean-up left orphaned multipart uploads it could not abort: see the function\'s log (cdk-mpu-guard OrphanedUploadsMonitor)',
        actions: props.alarmActions,
      });
    }
    acknowledgeByDesign(this);
  }

  /** Total orphaned bytes (Maximum per day). */
  public metricOrphanedBytes(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(MonitorMetric.ORPHANED_BYTES, props);
  }

  /** Total orphaned uploads (Maximum per day). */
  public metricOrphanedUploads(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(MonitorMetric.ORPHANED_UPLOADS, props);
  }

  /** Estimated monthly cost of the orphaned bytes in USD (Maximum per day). */
  public metricOrphanedMonthlyCostUsd(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(MonitorMetric.ORPHANED_COST_USD, props);
  }

  /** Buckets whose lifecycle does not abort incomplete uploads in time (Maximum per day). */
  public metricBucketsFailingAbortRule(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(MonitorMetric.BUCKETS_FAILING_ABORT_RULE, props);
  }

  /** Buckets not read in full in the last run (Maximum per day): above 0, the totals are a lower bound. */
  public metricBucketsNotAudited(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(MonitorMetric.BUCKETS_NOT_AUDITED, props);
  }

  /** Orphans the last run's clean-up could not remove (Maximum per day; published only with `abortOrphansOlderThan`). */
  public metricAbortFailures(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(MonitorMetric.ABORT_FAILURES, props);
  }

  /** Bytes those uploads still hold (Maximum per day; published only with `abortOrphansOlderThan`). */
  public metricFailedAbortBytes(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(MonitorMetric.FAILED_ABORT_BYTES, props);
  }

  /** Orphaned bytes of one bucket (needs `perBucketMetrics`). */
  public metricOrphanedBytesOfBucket(bucketName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(MonitorMetric.ORPHANED_BYTES, { ...props, dimensionsMap: { [BUCKET_DIMENSION]: bucketName, ...props?.dimensionsMap } });
  }

  private metric(name: MonitorMetric, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: this.namespace, metricName: name, statistic: cloudwatch.Stats.MAXIMUM, period: Duration.days(1), ...props,
    });
  }
}

/**
 * cdk-nag findings that are the design, acknowledged with the reason so a user's
 * report shows why. The S3 wildcards are left to the user: aws-cdk-lib refuses an
 * acknowledgement id holding an ARN, and one for all of IAM5 would hide theirs too.
 */
function acknowledgeByDesign(monitor: OrphanedUploadsMonitor): void {
  const validations = Validations.of(monitor);
  validations.acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 's3:ListAllMyBuckets and cloudwatch:PutMetricData take no narrower resource; PutMetricData is held to the monitor\'s namespace by a condition',
  });
  validations.acknowledge({ id: 'AwsSolutions-L1', reason: 'the function\'s bundle is built and tested for the Node.js 22 runtime it is deployed on' });
}
