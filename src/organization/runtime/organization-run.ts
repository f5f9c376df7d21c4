import {
  AccountRegion, AccountRegionSummary, auditAccountRegion, failedTarget, OrganizationSummary, summarizeOrganization,
} from './account-region-audit';
import { accountRegions, OrganizationAccounts } from './organization-accounts';
import { ReportStore } from './report-store';
import { AuditOptions } from '../../audit/audit';
import { S3Port } from '../../s3/s3-port';

/**
 * Where a run's files go in the report bucket:
 *   runs/<runId>/targets.json            every account and region, the Distributed Map's items
 *   runs/<runId>/parts/<acct>-<region>.jsonl      one JSON line per bucket, written by each worker
 *   runs/<runId>/summaries/<acct>-<region>.json   each worker's totals
 *   runs/<runId>/report.jsonl            every bucket of the run, one JSON line each
 *   runs/<runId>/summary.json            the run's totals: mpu-audit --render-summary prints it
 *   runs/map-results/<map run id>/      the Distributed Map's own results (its ResultWriter)
 */
export const runLayout = {
  targets: (runId: string) => `runs/${runId}/targets.json`,
  part: (runId: string, t: AccountRegion) => `runs/${runId}/parts/${t.accountId}-${t.region}.jsonl`,
  summaries: (runId: string) => `runs/${runId}/summaries/`,
  summaryOf: (runId: string, t: AccountRegion) => `runs/${runId}/summaries/${t.accountId}-${t.region}.json`,
  report: (runId: string) => `runs/${runId}/report.jsonl`,
  summary: (runId: string) => `runs/${runId}/summary.json`,
};

/** A Step Functions execution name: the run id, and part of every key. */
const RUN_ID = /^\w[\w.-]{0,79}$/;

export interface ListedTargets {
  readonly runId: string;
  readonly targetsKey: string;
  readonly count: number;
}

/** Step 1: every active account crossed with the regions, written for the Distributed Map to read. */
export async function listTargets(
  runId: string, regions: readonly string[], organization: OrganizationAccounts, store: ReportStore,
): Promise<ListedTargets> {
  checkRunId(runId);
  const targets = accountRegions(await organization.listActiveAccounts(), regions);
  const targetsKey = runLayout.targets(runId);
  await store.put(targetsKey, JSON.stringify(targets));
  return { runId, targetsKey, count: targets.length };
}

/**
 * Step 2, once per item: audits one account and region through `s3` (the member role,
 * assumed) and writes its lines and its summary. Never throws for the account's sake:
 * an account that cannot be audited gets an error in its summary.
 */
export async function auditTarget(
  runId: string, target: AccountRegion, s3: S3Port, store: ReportStore, options: AuditOptions,
): Promise<AccountRegionSummary> {
  checkRunId(runId);
  const { summary, lines } = await auditAccountRegion(target, s3, options);
  await store.put(runLayout.part(runId, target), lines.map(line => `${JSON.stringify(line)}\n`).join(''));
  await store.put(runLayout.summaryOf(runId, target), JSON.stringify(summary));
  return summary;
}

/**
 * Step 3: sums up the workers' summaries into summary.json and joins their lines into
 * report.jsonl. A target whose worker left no summary (killed, or failed past its
 * retries) is counted as failed, so the summary never hides a gap.
 */
export async function summarizeRun(runId: string, store: ReportStore, now: Date): Promise<OrganizationSummary> {
  checkRunId(runId);
  const targets = JSON.parse(await store.get(runLayout.targets(runId))) as AccountRegion[];
  const written = new Set(await store.list(runLayout.summaries(runId)));
  const results: AccountRegionSummary[] = [];
  const parts: string[] = [];
  for (const target of targets) {
    if (!written.has(runLayout.summaryOf(runId, target))) {
      results.push(failedTarget(target, 'the audit of this account and region did not finish: see the map run of the execution'));
      continue;
    }
    results.push(JSON.parse(await store.get(runLayout.summaryOf(runId, target))) as AccountRegionSummary);
    parts.push(await store.get(runLayout.part(runId, target)));
  }
  const summary = summarizeOrganization(results, now);
  await store.put(runLayout.report(runId), parts.join(''));
  await store.put(runLayout.summary(runId), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

function checkRunId(runId: string): void {
  if (!RUN_ID.test(runId)) throw new Error(`runId must be 1 to 80 letters, digits, . _ or -, starting with a letter or digit (got ${JSON.stringify(runId)})`);
}
