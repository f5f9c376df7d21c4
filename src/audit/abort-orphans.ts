import { AuditReport, BucketReport, UploadReport } from './report';
import { ReviewedReport } from './report-file';
import { withAdaptiveLimit } from '../s3/adaptive-limit';
import { S3Port, PartsTotal } from '../s3/s3-port';
import { abortVerified, VerifiedAbortOptions } from '../s3/verified-abort';

/** One orphan `--abort` acts on, exactly as the report listed it. */
export interface AbortTarget {
  readonly bucket: string;
  readonly region: string;
  readonly key: string;
  readonly uploadId: string;
  readonly initiated: string;
  /** Null when the report is a summary. */
  readonly bytes: number | null;
}

export interface AbortResult {
  /** False for a dry run: nothing was sent. */
  readonly executed: boolean;
  readonly targets: AbortTarget[];
  readonly aborted: AbortTarget[];
  /** Completed or aborted by someone else between the listing and the abort (NoSuchUpload). */
  readonly alreadyGone: AbortTarget[];
  /** Uploads that are (or may be) still there: the abort failed, or parts survived every abort. */
  readonly failed: FailedAbort[];
  /** Bytes of the uploads this run aborted; null when the report is a summary. */
  readonly bytesFreed: number | null;
  /**
   * Bytes the failed uploads still hold: their parts at the last check, else their size in the
   * report; null when a failed upload's size is unknown (a summary report, and no check answered).
   */
  readonly bytesNotFreed: number | null;
}

/** An upload the clean-up could not remove. */
export interface FailedAbort extends AbortTarget {
  /** Why, in one line: the S3 error, or what survived, e.g. `2 parts (10485760 bytes) still there after 3 aborts`. */
  readonly error: string;
  /** Its parts and bytes at the last check; null when no check could read them (e.g. the abort itself failed). */
  readonly remaining: PartsTotal | null;
  /** AbortMultipartUpload requests sent for it. */
  readonly aborts: number;
}

/** The orphans of the report, and only them: in-progress uploads and uploads kept on purpose are never targets. */
export function abortTargets(report: Pick<AuditReport, 'buckets'> | ReviewedReport): AbortTarget[] {
  return report.buckets.flatMap(bucket => bucket.uploadList
    // Not `=== null`: a report written before `kept` existed (read back by a later run) has none, and keeps nothing.
    .filter(upload => upload.orphan && !upload.kept)
    .map(upload => targetOf(bucket, upload)));
}

function targetOf(bucket: Pick<BucketReport, 'name' | 'region'>, upload: UploadReport): AbortTarget {
  return { bucket: bucket.name, region: bucket.region, key: upload.key, uploadId: upload.uploadId, initiated: upload.initiated, bytes: upload.bytes };
}

/** An orphan `--abort` leaves alone because it is kept on purpose, with the reason. */
export interface KeptUpload extends AbortTarget {
  readonly reason: string;
}

/** The orphans of the report that are kept on purpose: what `abortTargets` leaves out for that reason. */
export function keptUploads(report: Pick<AuditReport, 'buckets'> | ReviewedReport): KeptUpload[] {
  return report.buckets.flatMap(bucket => bucket.uploadList
    .filter(upload => upload.orphan && !!upload.kept)
    .map(upload => ({ ...targetOf(bucket, upload), reason: upload.kept! })));
}

export interface AbortOptions {
  /** Send the aborts; without it this is a dry run. */
  readonly yes: boolean;
  readonly concurrency: number;
  /** Called after each upload's verified abort, for progress and for an account of an interrupted run. */
  readonly onAborted?: (target: AbortTarget, outcome: 'aborted' | 'already-gone' | 'failed') => void;
  /** Checked before each upload's first abort starts; true stops the run (SIGINT). Uploads already started are finished. */
  readonly stopRequested?: () => boolean;
  /** How often an upload is aborted again while parts survive, and the wait between (see abortVerified). */
  readonly verify?: Pick<VerifiedAbortOptions, 'maxAborts' | 'backoffMs'>;
}

/** Aborts the report's orphans (dry run unless `yes`): `abortUploads` of `abortTargets(report)`. */
export async function abortOrphans(s3: S3Port, report: AuditReport, options: AbortOptions): Promise<AbortResult> {
  return abortUploads(s3, abortTargets(report), { ...options, sizesKnown: report.partsRead });
}

export interface AbortUploadsOptions extends AbortOptions {
  /** False when the targets' sizes were not read (a summary report): bytes are then reported as null. Default true. */
  readonly sizesKnown?: boolean;
}

/**
 * Aborts exactly these uploads (dry run unless `yes`), each verified gone by abortVerified, its
 * checks and repeated aborts within `concurrency`. A failed abort is recorded and the run goes on.
 */
export async function abortUploads(s3: S3Port, targets: AbortTarget[], options: AbortUploadsOptions): Promise<AbortResult> {
  const sizesKnown = options.sizesKnown ?? true;
  const result = { executed: options.yes, targets, aborted: [] as AbortTarget[], alreadyGone: [] as AbortTarget[], failed: [] as FailedAbort[] };
  if (!options.yes) {
    return { ...result, bytesFreed: sizesKnown ? 0 : null, bytesNotFreed: sizesKnown ? 0 : null };
  }
  // One slot per upload, its abort and checks one after the other: at most `concurrency` requests in flight, and an
  // upload's checks and repeated aborts come before the next upload's first abort, so an interrupt starts no new upload.
  await withAdaptiveLimit(s3, options.concurrency, limit => Promise.all(targets.map(target => limit(async () => {
    const verified = await abortVerified(s3, { name: target.bucket, region: target.region }, target,
      { ...options.verify, stopRequested: options.stopRequested });
    if (verified.outcome === 'not-started') return;
    if (verified.outcome === 'failed') {
      result.failed.push({ ...target, error: verified.error, remaining: verified.remaining, aborts: verified.aborts });
    } else {
      (verified.outcome === 'aborted' ? result.aborted : result.alreadyGone).push(target);
    }
    options.onAborted?.(target, verified.outcome);
  }))));
  const notFreed = result.failed.map(f => f.remaining?.bytes ?? (sizesKnown ? f.bytes : null));
  return {
    ...result,
    bytesFreed: sizesKnown ? result.aborted.reduce((n, t) => n + (t.bytes ?? 0), 0) : null,
    bytesNotFreed: notFreed.some(b => b === null) ? null : notFreed.reduce<number>((n, b) => n + b!, 0),
  };
}
