import {
  aws_events as events, aws_events_targets as targets, aws_iam as iam, aws_logs as logs, aws_s3 as s3,
  aws_stepfunctions as sfn, aws_stepfunctions_tasks as tasks, Duration, Stack, Validations,
} from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { AuditTargetFunction } from './audit-target-function';
import { ListTargetsFunction } from './list-targets-function';
import { DEFAULT_MEMBER_ROLE_NAME } from './organization-audit-member-role';
import { ORGANIZATION_SETTINGS_VARIABLE, OrganizationAuditSettings } from './runtime/organization-settings';
import { SummarizeRunFunction } from './summarize-run-function';
import { DEFAULT_CONCURRENCY } from '../audit/audit';
import { functionRole } from '../lambda/function-role';
import { DEFAULT_MAX_DAYS } from '../policy/evaluate';
import { PropChecks } from '../props/prop-checks';

/** Where each Distributed Map run writes its workers' results (`<prefix>/<map run id>/manifest.json`, SUCCEEDED_0.json, FAILED_0.json). */
const MAP_RESULTS_PREFIX = 'runs/map-results';

/** Properties of an OrganizationAudit. */
export interface OrganizationAuditProps {
  /** The regions to audit in every account, e.g. `['eu-west-1', 'us-east-1']`. */
  readonly regions: string[];

  /**
   * The audit role in each member account (OrganizationAuditMemberRole).
   * @default 'mpu-guard-audit'
   */
  readonly memberRoleName?: string;

  /**
   * When the audit runs.
   * @default Schedule.rate(Duration.days(7))
   */
  readonly schedule?: events.Schedule;

  /**
   * Run only on demand (start an execution of `stateMachine` yourself), never on a schedule.
   * @default false
   */
  readonly onDemandOnly?: boolean;

  /**
   * Where each run writes `runs/<execution>/report.jsonl` and `summary.json`.
   * @default - a new bucket: public access blocked, SSL enforced, S3-managed encryption, runs expired after `reportRetention`
   */
  readonly reportBucket?: s3.IBucket;

  /**
   * How long a new report bucket keeps each run.
   * @default Duration.days(90)
   */
  readonly reportRetention?: Duration;

  /**
   * Accounts and regions audited at once (the Distributed Map's MaxConcurrency).
   * @default 10
   */
  readonly maxConcurrency?: number;

  /**
   * Uploads older than this are orphans.
   * @default Duration.days(1)
   */
  readonly olderThan?: Duration;

  /**
   * The latest `DaysAfterInitiation` that counts as in time.
   * @default 7
   */
  readonly maxDays?: number;

  /**
   * The time one account and region may take: the worker stops 60 s before it and reports what it covered.
   * From 2 to 15 minutes.
   * @default Duration.minutes(15)
   */
  readonly targetTimeout?: Duration;

  /**
   * How long the functions' logs are kept.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Audits every account and region of an AWS Organization on Step Functions: a
 * Distributed Map over account x region, each item audited by a function that
 * assumes the read-only member role. Each run writes one JSON-lines report and a
 * summary to the report bucket. Deploy it in the management account or a
 * delegated administrator of AWS Organizations.
 *
 * @example
 * import { App, Stack } from 'aws-cdk-lib';
 * import { OrganizationAudit } from 'cdk-mpu-guard';
 *
 * const stack = new Stack(new App(), 'OrgAudit', { env: { account: '111111111111', region: 'us-east-1' } });
 * new OrganizationAudit(stack, 'Audit', { regions: ['eu-west-1', 'us-east-1'] });
 */
export class OrganizationAudit extends Construct {
  /** The state machine of a run: list the targets, audit each, sum up. Start it to audit now. */
  public readonly stateMachine: sfn.StateMachine;
  /** Where each run writes `runs/<execution>/report.jsonl` and `summary.json`. */
  public readonly reportBucket: s3.IBucket;
  /** The role the worker assumes member roles with: member roles can trust exactly it. */
  public readonly workerRole: iam.IRole;

  /**
   * @param scope where the audit goes: a stack in the management account or a delegated administrator
   * @param id the audit's construct id
   * @param props the regions, the member role's name, the schedule and the report bucket
   */
  constructor(scope: Construct, id: string, props: OrganizationAuditProps) {
    super(scope, id);
    // The Map's ResultWriterV2 is rendered only under this flag; the deprecated ResultWriter, its only other way,
    // prints jsii deprecation warnings in the user's synth. Set on this construct before its children, the flag
    // reaches only them, whatever the app's cdk.json says.
    this.node.setContext(cxapi.STEPFUNCTIONS_USE_DISTRIBUTED_MAP_RESULT_WRITER_V2, true);
    const check = new PropChecks('OrganizationAudit', scope, id);
    const settings = settingsOf(this, check, props);
    const targetTimeout = check.lambdaTimeout('targetTimeout', props.targetTimeout ?? Duration.minutes(15), 'the worker');
    const maxConcurrency = check.wholeNumber('maxConcurrency', props.maxConcurrency ?? 10, { min: 1, max: 10000 });
    if (props.schedule !== undefined && props.onDemandOnly) {
      throw check.error('schedule and onDemandOnly contradict each other: drop one');
    }
    const retention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;

    this.reportBucket = props.reportBucket ?? newReportBucket(this, check.days('reportRetention', props.reportRetention ?? Duration.days(90)));
    const environment = {
      [ORGANIZATION_SETTINGS_VARIABLE]: Stack.of(this).toJsonString({ ...settings, reportBucket: this.reportBucket.bucketName }),
    };
    const runs = this.reportBucket.arnForObjects('runs/*');

    const list = functionRole(this, 'ListTargets', 'cdk-mpu-guard OrganizationAudit: lists the accounts', retention);
    list.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['organizations:ListAccounts'], resources: ['*'] }));
    list.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [runs] }));
    const listFn = new ListTargetsFunction(this, 'ListTargetsFunction', {
      role: list.role, logGroup: list.logGroup, environment, timeout: Duration.minutes(5), memorySize: 256,
    });

    const worker = functionRole(this, 'AuditTarget', 'cdk-mpu-guard OrganizationAudit: audits one account and region', retention);
    worker.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['sts:AssumeRole'],
      resources: [`arn:${Stack.of(this).partition}:iam::*:role/${settings.memberRoleName}`],
    }));
    worker.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [runs] }));
    this.workerRole = worker.role;
    const workerFn = new AuditTargetFunction(this, 'AuditTargetFunction', {
      role: worker.role, logGroup: worker.logGroup, environment, timeout: targetTimeout, memorySize: 512,
    });

    const summarize = functionRole(this, 'SummarizeRun', 'cdk-mpu-guard OrganizationAudit: sums up a run', retention);
    summarize.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [runs] }));
    summarize.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:ListBucket'], resources: [this.reportBucket.bucketArn], conditions: { StringLike: { 's3:prefix': 'runs/*' } },
    }));
    const summarizeFn = new SummarizeRunFunction(this, 'SummarizeRunFunction', {
      role: summarize.role, logGroup: summarize.logGroup, environment, timeout: Duration.minutes(15), memorySize: 512,
    });

    const runId = sfn.JsonPath.stringAt('$$.Execution.Name');
    const listStep = new tasks.LambdaInvoke(this, 'List accounts x regions', {
      lambdaFunction: listFn, payload: sfn.TaskInput.fromObject({ runId }), payloadResponseOnly: true,
    });
    const mapResults = { bucket: this.reportBucket, prefix: MAP_RESULTS_PREFIX };
    const auditEach = new sfn.DistributedMap(this, 'Audit each account and region', {
      itemReader: new sfn.S3JsonItemReader({ bucket: this.reportBucket, key: sfn.JsonPath.stringAt('$.targetsKey') }),
      itemSelector: { 'runId.$': '$.runId', 'target.$': '$$.Map.Item.Value' },
      maxConcurrency,
      // Each worker records its own failure; one that died anyway is counted by the summary, never hidden.
      toleratedFailurePercentage: 100,
      // Without a writer the Map's result is every worker's summary in one array, which fails the run past
      // 256 KiB (about 900 accounts x regions) even though ResultPath discards it. Written to S3, the
      // result is a pointer, and the failed workers' errors are kept beside the run.
      // aws-cdk-lib renders resultWriterV2 only under its feature flag, which the constructor sets for this construct's subtree.
      resultWriterV2: new sfn.ResultWriterV2(mapResults),
      resultPath: sfn.JsonPath.DISCARD,
    });
    const auditOne = new tasks.LambdaInvoke(this, 'Audit one account and region', {
      lambdaFunction: workerFn, payloadResponseOnly: true, retryOnServiceExceptions: true,
    });
    // The Map starts up to maxConcurrency workers at once; past the account's unreserved concurrency Lambda
    // throttles, which retryOnServiceExceptions does not cover: the target would be lost to the run.
    auditOne.addRetry({
      errors: ['Lambda.TooManyRequestsException'], interval: Duration.seconds(5), maxAttempts: 8, backoffRate: 2, jitterStrategy: sfn.JitterType.FULL,
    });
    auditEach.itemProcessor(auditOne);
    const summarizeStep = new tasks.LambdaInvoke(this, 'Summarize the run', {
      lambdaFunction: summarizeFn, payload: sfn.TaskInput.fromObject({ runId: sfn.JsonPath.stringAt('$.runId') }), payloadResponseOnly: true,
    });

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(listStep.next(auditEach).next(summarizeStep)),
      timeout: Duration.hours(24),
      tracingEnabled: true,
      logs: { destination: new logs.LogGroup(this, 'StateMachineLog', { retention }), level: sfn.LogLevel.ALL },
    });
    acknowledgeByDesign(this);
    if (!props.onDemandOnly) {
      new events.Rule(this, 'Schedule', {
        description: 'cdk-mpu-guard OrganizationAudit run',
        schedule: props.schedule ?? events.Schedule.rate(Duration.days(7)),
        targets: [new targets.SfnStateMachine(this.stateMachine)],
      });
    }
  }
}

/** cdk-nag findings that are the design, acknowledged with the reason; docs/monitor.md lists the ones left to the user. */
function acknowledgeByDesign(audit: OrganizationAudit): void {
  const validations = Validations.of(audit);
  validations.acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'organizations:ListAccounts, X-Ray tracing and Step Functions log delivery take no narrower resource',
  });
  validations.acknowledge({ id: 'AwsSolutions-L1', reason: 'the functions\' bundles are built and tested for the Node.js 22 runtime they are deployed on' });
}

function settingsOf(scope: Construct, check: PropChecks, props: OrganizationAuditProps): Omit<OrganizationAuditSettings, 'reportBucket'> {
  if (props.regions.length === 0) throw check.error('regions must name at least one region to audit, e.g. [\'eu-west-1\']');
  check.regions('regions', props.regions);
  const memberRoleName = props.memberRoleName ?? DEFAULT_MEMBER_ROLE_NAME;
  check.roleName('memberRoleName', memberRoleName);
  return {
    regions: props.regions,
    memberRoleName,
    partition: Stack.of(scope).partition,
    olderThanSeconds: check.seconds('olderThan', props.olderThan ?? Duration.days(1)),
    maxDays: check.dayCount('maxDays', props.maxDays ?? DEFAULT_MAX_DAYS),
    concurrency: DEFAULT_CONCURRENCY,
  };
}

function newReportBucket(scope: Construct, retentionDays: number): s3.Bucket {
  return new s3.Bucket(scope, 'ReportBucket', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    lifecycleRules: [
      { id: 'AbortIncompleteMultipartUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      { id: 'ExpireOldRuns', prefix: 'runs/', expiration: Duration.days(retentionDays) },
    ],
  });
}
