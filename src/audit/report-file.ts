import { BucketReport, ReportScope, UploadReport } from './report';

/** What `--abort --from-report` needs of a JSON report: how it was made, and each bucket's uploads. */
export interface ReviewedReport {
  readonly generatedAt: string;
  readonly olderThanSeconds: number;
  readonly scope: ReportScope;
  readonly partsRead: boolean;
  readonly buckets: Array<Pick<BucketReport, 'name' | 'region' | 'uploadList'>>;
}

const HOW_TO_MAKE_ONE = 'mpu-audit --format json --output FILE';

/**
 * The report in `value` (a parsed `mpu-audit --format json`), checked field by field: a file
 * that is not such a report is refused with what is wrong in it, never read as an empty plan.
 */
export function reviewedReportFrom(source: string, value: unknown): ReviewedReport {
  const fail = (what: string) => new Error(`${source} is not a report of ${HOW_TO_MAKE_ONE}: ${what}`);
  const report = objectOrFail(value, 'it is not a JSON object', fail);
  if (Array.isArray(report.results) && report.buckets === undefined) {
    throw fail('it is an organization summary, which lists no uploads: make the report in the account, with --role-arn');
  }
  if (typeof report.generatedAt !== 'string' || Number.isNaN(Date.parse(report.generatedAt))) throw fail('generatedAt is not a date');
  // --from-report applies it as the age floor, so a hand-edited one must be one --older-than could give.
  if (typeof report.olderThanSeconds !== 'number' || !Number.isSafeInteger(report.olderThanSeconds) || report.olderThanSeconds < 0) {
    throw fail('olderThanSeconds is not a whole number of seconds, 0 or more');
  }
  if (typeof report.partsRead !== 'boolean') throw fail('partsRead is not true or false');
  if (report.scope === undefined) {
    throw fail('it has no scope, so the options it was made with are unknown (an earlier mpu-audit made it): make a new report');
  }
  if (!Array.isArray(report.buckets)) throw fail('buckets is not a list');
  return {
    generatedAt: report.generatedAt,
    olderThanSeconds: report.olderThanSeconds,
    scope: scopeFrom(report.scope, fail),
    partsRead: report.partsRead,
    buckets: report.buckets.map((bucket, b) => bucketFrom(bucket, `buckets[${b}]`, fail)),
  };
}

type Fail = (what: string) => Error;

function objectOrFail(value: unknown, what: string, fail: Fail): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail(what);
  return value as Record<string, unknown>;
}

function scopeFrom(value: unknown, fail: Fail): ReportScope {
  const scope = objectOrFail(value, 'scope is not an object', fail);
  const strings = (field: string): string[] => {
    const list = scope[field];
    if (!Array.isArray(list) || list.some(item => typeof item !== 'string')) throw fail(`scope.${field} is not a list of strings`);
    return list as string[];
  };
  if (scope.prefix !== null && typeof scope.prefix !== 'string') throw fail('scope.prefix is not a string or null');
  return {
    buckets: strings('buckets'),
    regions: strings('regions'),
    prefix: scope.prefix,
    excludePrefixes: strings('excludePrefixes'),
    keepInitiators: strings('keepInitiators'),
  };
}

function bucketFrom(value: unknown, at: string, fail: Fail): Pick<BucketReport, 'name' | 'region' | 'uploadList'> {
  const bucket = objectOrFail(value, `${at} is not an object`, fail);
  for (const field of ['name', 'region']) {
    if (typeof bucket[field] !== 'string' || bucket[field] === '') throw fail(`${at}.${field} is not a non-empty string`);
  }
  if (!Array.isArray(bucket.uploadList)) throw fail(`${at}.uploadList is not a list`);
  return {
    name: bucket.name as string,
    region: bucket.region as string,
    uploadList: bucket.uploadList.map((upload, u) => uploadFrom(upload, `${at}.uploadList[${u}]`, fail)),
  };
}

function uploadFrom(value: unknown, at: string, fail: Fail): UploadReport {
  const upload = objectOrFail(value, `${at} is not an object`, fail);
  for (const field of ['key', 'uploadId', 'storageClass']) {
    if (typeof upload[field] !== 'string') throw fail(`${at}.${field} is not a string`);
  }
  if (upload.uploadId === '') throw fail(`${at}.uploadId is empty`);
  if (typeof upload.initiated !== 'string' || Number.isNaN(Date.parse(upload.initiated))) throw fail(`${at}.initiated is not a date`);
  if (typeof upload.ageSeconds !== 'number') throw fail(`${at}.ageSeconds is not a number`);
  for (const field of ['parts', 'bytes']) {
    if (upload[field] !== null && typeof upload[field] !== 'number') throw fail(`${at}.${field} is not a number or null`);
  }
  if (typeof upload.orphan !== 'boolean') throw fail(`${at}.orphan is not true or false`);
  if (upload.kept !== undefined && upload.kept !== null && typeof upload.kept !== 'string') throw fail(`${at}.kept is not a reason or null`);
  for (const field of ['initiator', 'owner']) {
    const who = upload[field] as { id?: unknown } | null | undefined;
    if (who !== undefined && who !== null && (typeof who !== 'object' || typeof who.id !== 'string')) throw fail(`${at}.${field} is not {id, displayName} or null`);
  }
  return upload as unknown as UploadReport;
}
