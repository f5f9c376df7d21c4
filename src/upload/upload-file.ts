import { createHash } from 'node:crypto';
import { FileHandle } from 'node:fs/promises';
import { ExistingUploadVerdict, judgeExistingUpload, ListedPart } from './existing-upload';
import { compositeChecksum, DEFAULT_CHECKSUM_ALGORITHM, UploadChecksumAlgorithm } from './part-checksum';
import { digestOfRange, etagMatches, readRangeWithChecksum } from './part-digest';
import { DEFAULT_PART_SIZE, PartLayout, partLayout, partRange } from './part-layout';
import { openSourceFile } from './source-file';
import { UploadInputError } from './upload-input-error';
import { IncompleteUpload, LandedPart, PartChecksum, StoredObject, UploadS3 } from './upload-s3-port';
import { describeError } from '../s3/errors';
import { createLimiter, Limiter } from '../s3/limiter';

export { UploadInputError } from './upload-input-error';

/** Parts in flight at once, as the seed advises: enough to fill the pipe, few enough not to be throttled. */
export const DEFAULT_PARTS_IN_FLIGHT = 10;

export interface UploadFileOptions {
  /** Bytes per part, grown so that the file needs at most 10,000; default 25 MiB. */
  readonly partSize?: number;
  /** Parts in flight at once, halved while S3 throttles; default 10. */
  readonly concurrency?: number;
  /** The checksum each part carries, which S3 checks and a resumed part is proven by; default CRC32. */
  readonly checksumAlgorithm?: UploadChecksumAlgorithm;
  /** Stops the upload: parts in flight are cut, none start, and the upload is left to resume. */
  readonly signal?: AbortSignal;
  /** On `signal`, abort the upload instead of leaving it to resume. */
  readonly abortOnStop?: boolean;
  /** Called as parts land. */
  readonly onProgress?: (progress: UploadProgress) => void;
  /** Aborts one of the key's uploads and checks that it is gone (the S3 layer's verified abort). */
  readonly abortUpload: (uploadId: string) => Promise<AbortCheck>;
}

/** What a verified abort found afterwards. */
export interface AbortCheck {
  /** True when the upload is gone and nothing of it is billed any more. */
  readonly gone: boolean;
  /** For people: what was done, and what is left when it is not gone. */
  readonly detail: string;
}

export interface UploadProgress {
  readonly bytesTotal: number;
  /** Bytes in place: reused parts and parts sent. */
  readonly bytesDone: number;
  readonly partsTotal: number;
  readonly partsDone: number;
}

/** An incomplete upload of the key that was not used, and what became of it. */
export interface StaleUpload {
  readonly uploadId: string;
  readonly why: string;
  /** Null when it was not aborted (the new upload did not complete). */
  readonly abort: AbortCheck | null;
}

export type UploadFileResult =
  | {
    readonly outcome: 'completed';
    readonly etag: string;
    /** Null for a file sent with one PutObject. */
    readonly uploadId: string | null;
    readonly bytes: number;
    readonly bytesSent: number;
    readonly partsSent: number;
    readonly partsReused: number;
    readonly staleUploads: StaleUpload[];
  }
  /** The object already holds these bytes: nothing was sent. */
  | { readonly outcome: 'unchanged'; readonly etag: string; readonly bytes: number }
  /** `signal` stopped it; the upload is left to resume unless `abortOnStop`. */
  | {
    readonly outcome: 'stopped';
    /** Null when it stopped before an upload was started. */
    readonly uploadId: string | null;
    readonly partsDone: number;
    readonly partsTotal: number;
    readonly abort: AbortCheck | null;
  };


/** An upload that could not finish; the upload it started or resumed was aborted (`abort` says how that went). */
export class UploadFailedError extends Error {
  constructor(message: string, public readonly uploadId: string | null, public readonly abort: AbortCheck | null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UploadFailed';
  }
}

/**
 * Uploads `path` to the key of `s3`. An incomplete upload of the key whose parts are all proven
 * identical to the file is resumed: only the missing parts are sent. Any other incomplete upload
 * of the key is stale, and aborted once the object is complete.
 */
export async function uploadFile(s3: UploadS3, path: string, options: UploadFileOptions): Promise<UploadFileResult> {
  const { file, stats: before } = await openSourceFile(path);
  try {
    let layout: PartLayout;
    try {
      layout = partLayout(before.size, options.partSize ?? DEFAULT_PART_SIZE, 'partSize');
    } catch (error) {
      throw new UploadInputError(`${path}: ${(error as Error).message}`);
    }
    const digests = new PartDigests(file, layout, options.checksumAlgorithm ?? DEFAULT_CHECKSUM_ALGORITHM, options.signal);
    const stopped = () => options.signal?.aborted === true;
    const stoppedBeforeStart = { outcome: 'stopped', uploadId: null, partsDone: 0, partsTotal: layout.partCount, abort: null } as const;
    let found: Awaited<ReturnType<typeof chooseUpload>> | undefined;
    try {
      const stored = await s3.headObject(options.signal);
      if (stored !== undefined && await digests.holds(stored)) return { outcome: 'unchanged', etag: stored.etag, bytes: layout.fileSize };
      if (!layout.singlePut) found = await chooseUpload(s3, layout, digests, options.signal);
    } catch (error) {
      // Nothing of this run is on S3 yet: a stop cuts these requests and the proving, and the run ends here.
      if (stopped()) return stoppedBeforeStart;
      throw error;
    }
    if (found === undefined) {
      if (stopped()) return stoppedBeforeStart;
      const { body, checksum } = await digests.read(1);
      const etag = await s3.putObject(body, checksum, options.signal ?? new AbortController().signal);
      // The object is already replaced: nothing to abort, but the caller must know it holds neither version for sure.
      await requireUnchanged(file, before).catch(error => { throw new UploadFailedError((error as Error).message, null, null); });
      return { outcome: 'completed', etag, uploadId: null, bytes: layout.fileSize, bytesSent: body.length, partsSent: 1, partsReused: 0, staleUploads: [] };
    }
    const { resumed, stale } = found;
    if (stopped() && resumed === undefined) return stoppedBeforeStart;
    const uploadId = resumed?.uploadId ?? await s3.createUpload(digests.algorithm);
    const landed = new Map<number, LandedPart>((resumed?.reused ?? []).map(part => [part.partNumber, digests.landed(part)]));
    let etag: string;
    let sent: { parts: number; bytes: number };
    try {
      sent = await sendMissingParts(s3, uploadId, layout, digests, landed, options);
      if (stopped()) {
        const abort = options.abortOnStop ? await options.abortUpload(uploadId) : null;
        return { outcome: 'stopped', uploadId, partsDone: landed.size, partsTotal: layout.partCount, abort };
      }
      await requireUnchanged(file, before);
      etag = await s3.completeUpload(uploadId, [...landed.values()].sort((a, b) => a.partNumber - b.partNumber));
    } catch (error) {
      // Whatever stopped it, the upload is not left behind: its parts would be billed until someone aborts them.
      throw new UploadFailedError(error instanceof PartFailedError || error instanceof FileChangedError ? error.message : describeError(error),
        uploadId, await options.abortUpload(uploadId), { cause: error instanceof PartFailedError ? error.cause : error });
    }
    const staleUploads: StaleUpload[] = [];
    for (const upload of stale) staleUploads.push({ ...upload, abort: await options.abortUpload(upload.uploadId) });
    return {
      outcome: 'completed', etag, uploadId, bytes: layout.fileSize, bytesSent: sent.bytes, partsSent: sent.parts, partsReused: resumed?.reused.length ?? 0, staleUploads,
    };
  } finally {
    await file.close();
  }
}

/**
 * The digests of the file's parts: the checksum a part is sent with, computed as its bytes are
 * read; and, kept once computed, those a landed part or the stored object is proven by: the
 * checksum, or, where the server lists none, the MD5 that it gives as ETag.
 */
class PartDigests {
  private readonly md5s = new Map<number, string>();
  private readonly checksums = new Map<number, string>();

  /** `signal` stops the proving: a digest not yet computed throws once it has aborted. */
  constructor(
    private readonly file: FileHandle, private readonly layout: PartLayout, public readonly algorithm: UploadChecksumAlgorithm,
    private readonly signal?: AbortSignal,
  ) {}

  /** The part's bytes and their checksum, read now: what is sent is what was hashed. */
  public async read(partNumber: number): Promise<{ body: Buffer; checksum: PartChecksum }> {
    const { start, length } = partRange(this.layout, partNumber);
    const { body, checksum } = await readRangeWithChecksum(this.file, start, length, this.algorithm).catch(error => {
      throw new Error(`part ${partNumber}: ${(error as Error).message}: the file changed while uploading`);
    });
    return { body, checksum: { algorithm: this.algorithm, value: checksum } };
  }

  /** True when a listed part is proven identical to the file's bytes there: by its checksum where it has one, else by its ETag. */
  public async proves(part: ListedPart): Promise<boolean> {
    const listed = part.checksums[this.algorithm];
    if (listed !== undefined) return listed === await this.checksum(part.partNumber);
    return etagMatches(part.etag, await this.md5(part.partNumber));
  }

  /** A reused part as the upload is completed with it. */
  public landed(part: ListedPart): LandedPart {
    const value = part.checksums[this.algorithm];
    return { partNumber: part.partNumber, etag: part.etag, checksum: value === undefined ? undefined : { algorithm: this.algorithm, value } };
  }

  /** True when the stored object holds the file's bytes: its size and its checksum, or its ETag where it has no checksum of ours. */
  public async holds(stored: StoredObject): Promise<boolean> {
    if (stored.size !== this.layout.fileSize) return false;
    const listed = stored.checksums[this.algorithm];
    if (listed !== undefined) return listed === await this.objectChecksum();
    return etagMatches(stored.etag, await this.objectEtag());
  }

  private async checksum(partNumber: number): Promise<string> {
    return cached(this.checksums, partNumber, async () => {
      const { start, length } = partRange(this.layout, partNumber);
      return (await digestOfRange(this.file, start, length, this.algorithm)).toString('base64');
    }, this.signal);
  }

  private async md5(partNumber: number): Promise<string> {
    return cached(this.md5s, partNumber, async () => {
      const { start, length } = partRange(this.layout, partNumber);
      return (await digestOfRange(this.file, start, length, 'MD5')).toString('hex');
    }, this.signal);
  }

  /** The checksum S3 gives the object this file makes: the part's for one PutObject, else the composite of the parts'. */
  private async objectChecksum(): Promise<string> {
    if (this.layout.singlePut) return this.checksum(1);
    const parts: string[] = [];
    for (let part = 1; part <= this.layout.partCount; part++) parts.push(await this.checksum(part));
    return compositeChecksum(this.algorithm, parts);
  }

  /** The ETag S3 gives the object this file makes: its MD5 for one PutObject, else the MD5 of the parts' MD5s and their count. */
  private async objectEtag(): Promise<string> {
    if (this.layout.singlePut) return this.md5(1);
    const all = createHash('md5');
    for (let part = 1; part <= this.layout.partCount; part++) all.update(Buffer.from(await this.md5(part), 'hex'));
    return `${all.digest('hex')}-${this.layout.partCount}`;
  }
}

async function cached(digests: Map<number, string>, partNumber: number, compute: () => Promise<string>, signal?: AbortSignal): Promise<string> {
  let digest = digests.get(partNumber);
  if (digest === undefined) {
    signal?.throwIfAborted();
    digest = await compute();
    digests.set(partNumber, digest);
  }
  return digest;
}

/**
 * The incomplete upload to resume (the one with the most bytes proven identical) and the
 * others, which are stale. An upload that is gone by the time its parts are listed is neither.
 */
async function chooseUpload(
  s3: UploadS3, layout: PartLayout, digests: PartDigests, signal?: AbortSignal,
): Promise<{ resumed?: { uploadId: string; reused: readonly ListedPart[] }; stale: Array<{ uploadId: string; why: string }> }> {
  const judged: Array<{ upload: IncompleteUpload; verdict: ExistingUploadVerdict }> = [];
  const newestFirst = (await s3.listIncompleteUploads(signal)).sort((a, b) => b.initiated.getTime() - a.initiated.getTime());
  for (const upload of newestFirst) {
    if (upload.checksumAlgorithm !== undefined && upload.checksumAlgorithm !== digests.algorithm) {
      const why = `its parts carry ${upload.checksumAlgorithm} checksums, and this upload sends ${digests.algorithm} (the same checksum algorithm resumes it)`;
      judged.push({ upload, verdict: { kind: 'stale', why } });
      continue;
    }
    const parts = await s3.listParts(upload.uploadId, signal);
    if (parts === null) continue;
    judged.push({ upload, verdict: await judgeExistingUpload(layout, parts, part => digests.proves(part)) });
  }
  const reusedBytes = (verdict: ExistingUploadVerdict) => (verdict.kind === 'resume' ? verdict.reused.reduce((n, p) => n + p.size, 0) : -1);
  // Newest first, so of two with as many bytes the newer is resumed.
  let best: typeof judged[number] | undefined;
  for (const candidate of judged) {
    if (best === undefined || reusedBytes(candidate.verdict) > reusedBytes(best.verdict)) best = candidate;
  }
  const resumed = best?.verdict.kind === 'resume' ? { uploadId: best.upload.uploadId, reused: best.verdict.reused } : undefined;
  const stale = judged.filter(j => j.upload.uploadId !== resumed?.uploadId).map(({ upload, verdict }) => ({
    uploadId: upload.uploadId,
    why: verdict.kind === 'stale' ? verdict.why : `another incomplete upload of the key, started ${upload.initiated.toISOString()}`,
  }));
  return { resumed, stale };
}

/**
 * Sends the parts not in `landed`, at most `concurrency` at once, fewer while S3 throttles,
 * and adds each to `landed` once S3 has it. A part that fails after the client's retries
 * cuts the others, and the upload is aborted; `signal` cuts them and leaves it.
 */
async function sendMissingParts(
  s3: UploadS3, uploadId: string, layout: PartLayout, digests: PartDigests, landed: Map<number, LandedPart>, options: UploadFileOptions,
): Promise<{ parts: number; bytes: number }> {
  const cut = new AbortController();
  const stop = () => cut.abort();
  if (options.signal?.aborted) stop();
  options.signal?.addEventListener('abort', stop);
  const limit: Limiter = createLimiter(options.concurrency ?? DEFAULT_PARTS_IN_FLIGHT);
  const stopListening = s3.onThrottled?.(limit.throttled);
  const sent = { parts: 0, bytes: 0 };
  let bytesDone = [...landed.keys()].reduce((n, part) => n + partRange(layout, part).length, 0);
  let failure: { error: unknown } | undefined;
  const missing = Array.from({ length: layout.partCount }, (_, i) => i + 1).filter(part => !landed.has(part));
  options.onProgress?.({ bytesTotal: layout.fileSize, bytesDone, partsTotal: layout.partCount, partsDone: landed.size });
  try {
    await Promise.all(missing.map(partNumber => limit(async () => {
      if (cut.signal.aborted) return;
      try {
        const { body, checksum } = await digests.read(partNumber);
        const etag = await s3.uploadPart(uploadId, partNumber, body, checksum, cut.signal);
        landed.set(partNumber, { partNumber, etag, checksum });
        sent.parts++;
        sent.bytes += body.length;
        bytesDone += body.length;
        options.onProgress?.({ bytesTotal: layout.fileSize, bytesDone, partsTotal: layout.partCount, partsDone: landed.size });
      } catch (error) {
        if (cut.signal.aborted && options.signal?.aborted) return;
        failure ??= { error };
        cut.abort();
      }
    })));
  } finally {
    options.signal?.removeEventListener('abort', stop);
    stopListening?.();
  }
  if (failure !== undefined) throw new PartFailedError(failure.error);
  return sent;
}

/** A part that failed after the client's retries. */
class PartFailedError extends Error {
  constructor(cause: unknown) {
    super(`a part could not be sent: ${describeError(cause)}`, { cause });
  }
}

class FileChangedError extends Error {}

/** Throws when the file's size or modification time moved since the start. */
async function requireUnchanged(file: FileHandle, before: { size: number; mtimeMs: number }): Promise<void> {
  const after = await file.stat();
  if (after.size === before.size && after.mtimeMs === before.mtimeMs) return;
  throw new FileChangedError(`the file changed while uploading (${before.size} bytes, then ${after.size}; modified at ${new Date(after.mtimeMs).toISOString()})`);
}
