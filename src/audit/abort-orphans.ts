import { withAdaptiveLimit } from './adaptive-limit';
import { describeDenied } from './errors';
import { AuditReport, BucketReport, UploadReport } from './report';
import { AuditS3 } from './s3-port';

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
  readonly failed: Array<AbortTarget & { readonly error: string }>;
  /** Bytes of the uploads this run aborted; null when the report is a summary. */
  readonly bytesFreed: number | null;
}

/** The orphans of the report, and only them: in-progress uploads and uploads kept on purpose are never targets. */
export function abortTargets(report: AuditReport): AbortTarget[] {
  return report.buckets.flatMap(bucket => bucket.uploadList
    // Not `=== null`: a report written before `kept` existed (read back by a later run) has none, and keeps nothing.
    .filter(upload => upload.orphan && !upload.kept)
    .map(upload => targetOf(bucket, upload)));
}

function targetOf(bucket: BucketReport, upload: UploadReport): AbortTarget {
  return { bucket: bucket.name, region: bucket.region, key: upload.key, uploadId: upload.uploadId, initiated: upload.initiated, bytes: upload.bytes };
}

/** An orphan `--abort` leaves alone because it is kept on purpose, with the reason. */
export interface KeptUpload extends AbortTarget {
  readonly reason: string;
}

/** The orphans of the report that are kept on purpose: what `abortTargets` leaves out for that reason. */
export function keptUploads(report: AuditReport): KeptUpload[] {
  return report.buckets.flatMap(bucket => bucket.uploadList
    .filter(upload => upload.orphan && !!upload.kept)
    .map(upload => ({ ...targetOf(bucket, upload), reason: upload.kept! })));
}

export interface AbortOptions {
  /** Send the aborts; without it this is a dry run. */
  readonly yes: boolean;
  readonly concurrency: number;
  /** Called after each abort, for progress and for an account of an interrupted run. */
  readonly onAborted?: (target: AbortTarget, outcome: 'aborted' | 'already-gone' | 'failed') => void;
  /** Checked before each abort starts; true stops the run (SIGINT). */
  readonly stopRequested?: () => boolean;
}

/** Aborts the report's orphans (dry run unless `yes`). A failed abort is recorded and the run goes on. */
export async function abortOrphans(s3: AuditS3, report: AuditReport, options: AbortOptions): Promise<AbortResult> {
  const targets = abortTargets(report);
  const result = { executed: options.yes, targets, aborted: [] as AbortTarget[], alreadyGone: [] as AbortTarget[], failed: [] as AbortResult['failed'] };
  if (!options.yes) {
    return { ...result, bytesFreed: report.partsRead ? 0 : null };
  }
  await withAdaptiveLimit(s3, options.concurrency, limit => Promise.all(targets.map(target => limit(async () => {
    if (options.stopRequested?.()) return;
    try {
      const outcome = await s3.abortUpload({ name: target.bucket, region: target.region },
        { key: target.key, uploadId: target.uploadId, initiated: new Date(target.initiated), storageClass: '' });
      (outcome === 'aborted' ? result.aborted : result.alreadyGone).push(target);
      options.onAborted?.(target, outcome);
    } catch (error) {
      result.failed.push({ ...target, error: describeDenied(error, 's3:AbortMultipartUpload') });
      options.onAborted?.(target, 'failed');
    }
  }))));
  return { ...result, bytesFreed: report.partsRead ? result.aborted.reduce((n, t) => n + (t.bytes ?? 0), 0) : null };
}
