import { InFlightWindow } from './in-flight-window';
import { InOrder } from './in-order';
import { KeepReason } from './keep-rules';
import { UploadReport } from './report';
import { MutableUploadReport, UploadTally } from './upload-tally';
import { Limiter } from '../s3/limiter';
import { S3Port, BucketRef, PartsTotal, UploadRef } from '../s3/s3-port';

/** What the scan of one bucket's uploads needs of the audit. */
export interface UploadScanContext {
  readonly s3: S3Port;
  readonly limit: Limiter;
  readonly now: Date;
  readonly olderThanSeconds: number;
  readonly prefix?: string;
  readonly summary: boolean;
  readonly keepUploadList: boolean;
  /** Marks the uploads kept on purpose; undefined when none are. */
  readonly keepReason?: KeepReason;
  readonly onUpload?: (bucket: BucketRef, upload: UploadReport) => void;
  readonly signal?: AbortSignal;
}

/** Part sums started but not finished, per bucket: listing waits while this many are open. */
const MAX_OPEN_SUMS = 2000;

/** A bucket's uploads, counted. */
export interface UploadScan {
  readonly tally: UploadTally;
  /** False when `signal` stopped the listing: the tally then holds what was counted so far. */
  readonly complete: boolean;
}

/**
 * Lists the bucket's uploads and sums their parts as a stream: listing runs
 * ahead of the sums by at most MAX_OPEN_SUMS uploads, and each upload is
 * counted and dropped when its sum is in (kept only with `keepUploadList`).
 * A failed request fails the scan.
 */
export async function scanUploads(bucket: BucketRef, context: UploadScanContext): Promise<UploadScan> {
  const tally = new UploadTally();
  const inOrder = context.onUpload ? new InOrder<MutableUploadReport>(entry => context.onUpload!(bucket, entry)) : undefined;
  const pages = context.s3.listUploads(bucket, context.prefix)[Symbol.asyncIterator]();
  const sums = new InFlightWindow(MAX_OPEN_SUMS);
  let failure: { error: unknown } | undefined;
  let complete = false;
  while (!failure && !context.signal?.aborted) {
    const page = await context.limit(() => pages.next());
    if (page.done) {
      complete = true;
      break;
    }
    for (const upload of page.value) {
      if (sums.full) await sums.room();
      if (failure) break;
      const entry = uploadReport(upload, context);
      if (context.keepUploadList) tally.list.push(entry);
      const place = inOrder?.reserve();
      sums.start(() => partsOf(bucket, upload, context).then(
        parts => {
          // Completed or aborted since it was listed: no longer an incomplete upload.
          if (parts === null) {
            if (context.keepUploadList) tally.list.splice(tally.list.indexOf(entry), 1);
          } else {
            tally.add(entry, parts);
          }
          if (place !== undefined) inOrder!.fill(place, parts === null ? null : entry);
        },
        error => {
          failure ??= { error };
        },
      ));
    }
  }
  await sums.drained();
  if (failure) throw failure.error;
  return { tally, complete };
}

/** Undefined with `summary`; null when the upload is gone. */
async function partsOf(bucket: BucketRef, upload: UploadRef, context: UploadScanContext): Promise<PartsTotal | null | undefined> {
  return context.summary ? undefined : context.limit(() => context.s3.sumParts(bucket, upload));
}

function uploadReport(upload: UploadRef, context: UploadScanContext): MutableUploadReport {
  const ageSeconds = Math.max(0, Math.floor((context.now.getTime() - upload.initiated.getTime()) / 1000));
  return {
    key: upload.key,
    uploadId: upload.uploadId,
    initiated: upload.initiated.toISOString(),
    ageSeconds,
    storageClass: upload.storageClass,
    parts: null,
    bytes: null,
    orphan: ageSeconds >= context.olderThanSeconds,
    initiator: upload.initiator ?? null,
    owner: upload.owner ?? null,
    kept: context.keepReason?.(upload) ?? null,
  };
}
