import { AccountRegion, AccountRegionSummary } from './account-region-audit';
import { memberRoleArn, OrganizationAccounts } from './organization-accounts';
import { auditTarget, ListedTargets, listTargets, runLayout, summarizeRun } from './organization-run';
import { ORGANIZATION_SETTINGS_VARIABLE, OrganizationAuditSettings, parseOrganizationSettings } from './organization-settings';
import { ReportStore } from './report-store';
import { LambdaContext, withDeadline } from '../../lambda/runtime/deadline';
import { S3Port } from '../../s3/s3-port';

/** What the organization audit's functions run on: real clients in Lambda, the local S3 server and fakes in tests. */
export interface OrganizationDependencies {
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly store: (bucket: string) => ReportStore;
  readonly organizations: () => OrganizationAccounts;
  /** An S3 acting in a member account: the role assumed, for one region. */
  readonly assumeRole: (roleArn: string, region: string) => S3Port;
  readonly now?: () => Date;
}

/** The input of each function, as the state machine passes it. */
export interface RunEvent {
  readonly runId: string;
}
export interface TargetEvent extends RunEvent {
  readonly target: AccountRegion;
}

/** What the summarize step returns to the execution: where the run's files are, and the totals. */
export interface RunSummaryOutput {
  readonly summaryKey: string;
  readonly reportKey: string;
  readonly totals: Record<string, number | null>;
}

function settingsOf(deps: OrganizationDependencies): OrganizationAuditSettings {
  return parseOrganizationSettings(deps.environment[ORGANIZATION_SETTINGS_VARIABLE]);
}

/** Step 1: accounts x regions, written to the report bucket for the Distributed Map. */
export function listTargetsHandler(dependencies: () => OrganizationDependencies) {
  return async (event: RunEvent): Promise<ListedTargets> => {
    const deps = dependencies();
    const settings = settingsOf(deps);
    return listTargets(event.runId, settings.regions, deps.organizations(), deps.store(settings.reportBucket));
  };
}

/** Step 2: one account and region, stopped before the function's time runs out so it reports what it covered. */
export function auditTargetHandler(dependencies: () => OrganizationDependencies) {
  return async (event: TargetEvent, context: LambdaContext): Promise<AccountRegionSummary> => {
    const deps = dependencies();
    const settings = settingsOf(deps);
    const { target } = event;
    return withDeadline(context, signal => {
      const s3 = deps.assumeRole(memberRoleArn(target.accountId, settings.memberRoleName, settings.partition), target.region);
      return auditTarget(event.runId, target, s3, deps.store(settings.reportBucket), {
        olderThanSeconds: settings.olderThanSeconds,
        maxDays: settings.maxDays,
        concurrency: settings.concurrency,
        now: deps.now?.(),
        signal,
      });
    });
  };
}

/** Step 3: summary.json and report.jsonl of the run. */
export function summarizeRunHandler(dependencies: () => OrganizationDependencies) {
  return async (event: RunEvent): Promise<RunSummaryOutput> => {
    const deps = dependencies();
    const settings = settingsOf(deps);
    const summary = await summarizeRun(event.runId, deps.store(settings.reportBucket), deps.now?.() ?? new Date());
    return { summaryKey: runLayout.summary(event.runId), reportKey: runLayout.report(event.runId), totals: { ...summary.totals } };
  };
}
