import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { ListedPart } from '../../src/upload/existing-upload';
import { Checksums, UploadChecksumAlgorithm } from '../../src/upload/part-checksum';
import { IncompleteUpload, LandedPart, PartChecksum, StoredObject, UploadS3 } from '../../src/upload/upload-s3-port';

interface FakeUpload {
  readonly initiated: Date;
  readonly parts: Map<number, Buffer>;
  readonly algorithm?: UploadChecksumAlgorithm;
}

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest();

export interface FakeUploadS3Options {
  /** As S3: parts' checksums checked and listed; without, as a server that has no additional checksums. */
  readonly checksums: boolean;
  /** ETags that are no MD5 of the bytes, as SSE-KMS and SSE-C give; default false. */
  readonly opaqueEtags?: boolean;
}

/** A checksum as S3 computes it, written here without the project's code. */
export function checksumOf(algorithm: UploadChecksumAlgorithm, bytes: Buffer): string {
  if (algorithm !== 'CRC32') return createHash(algorithm.toLowerCase()).update(bytes).digest('base64');
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(bytes));
  return out.toString('base64');
}

/**
 * One key of an in-memory S3, as the uploader sees it; records every call. With `checksums` it
 * behaves as S3 does: it checks each part's checksum, and lists parts and the object with theirs.
 * Without, as an S3-compatible server that has no additional checksums (Ceph RGW before Squid):
 * it ignores them and gives MD5 ETags only.
 */
export class FakeUploadS3 implements UploadS3 {
  public readonly calls: string[] = [];
  public readonly uploads = new Map<string, FakeUpload>();
  private nextId = 1;
  public object: { body: Buffer; etag: string; checksums: Checksums } | undefined;

  constructor(private readonly options: FakeUploadS3Options = { checksums: true }) {}

  /** Called before each UploadPart is taken: throw to fail it. */
  public beforePart: (partNumber: number) => Promise<void> | void = () => undefined;
  /** What becomes of a part's bytes on the way, before S3 checks them: unchanged unless a test says. */
  public onTheWay: (partNumber: number, body: Buffer) => Buffer = (_, body) => body;
  /** Called before CompleteMultipartUpload is taken: throw to fail it. */
  public beforeComplete: () => void = () => undefined;

  public async headObject(): Promise<StoredObject | undefined> {
    this.calls.push('headObject');
    return this.object && { size: this.object.body.length, etag: `"${this.object.etag}"`, checksums: this.object.checksums };
  }

  public async listIncompleteUploads(): Promise<IncompleteUpload[]> {
    this.calls.push('listIncompleteUploads');
    return [...this.uploads].map(([uploadId, upload]) => ({ uploadId, initiated: upload.initiated, checksumAlgorithm: upload.algorithm }));
  }

  public async listParts(uploadId: string): Promise<ListedPart[] | null> {
    this.calls.push(`listParts ${uploadId}`);
    const upload = this.uploads.get(uploadId);
    return upload ? [...upload.parts].map(([partNumber, body]) => ({
      partNumber, size: body.length, etag: `"${this.etagOf(body)}"`, checksums: this.checksumsOf(upload.algorithm, body),
    })) : null;
  }

  public async createUpload(algorithm: UploadChecksumAlgorithm): Promise<string> {
    const uploadId = `upload-${this.nextId++}`;
    this.calls.push(`createUpload ${uploadId} ${algorithm}`);
    this.uploads.set(uploadId, { initiated: new Date(Date.UTC(2026, 11, 1, 0, this.nextId)), parts: new Map(), algorithm: this.kept(algorithm) });
    return uploadId;
  }

  /** Starts an upload holding these parts, as an earlier run left it. */
  public seed(parts: Record<number, Buffer>, initiated = new Date(Date.UTC(2026, 10, 1)), algorithm: UploadChecksumAlgorithm = 'CRC32'): string {
    const uploadId = `seeded-${this.nextId++}`;
    const bodies = new Map(Object.entries(parts).map(([n, body]) => [Number(n), body]));
    this.uploads.set(uploadId, { initiated, parts: bodies, algorithm: this.kept(algorithm) });
    return uploadId;
  }

  public async uploadPart(uploadId: string, partNumber: number, body: Buffer, checksum: PartChecksum, signal: AbortSignal): Promise<string> {
    this.calls.push(`uploadPart ${uploadId} ${partNumber}`);
    await this.beforePart(partNumber);
    if (signal.aborted) throw Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
    const arrived = this.onTheWay(partNumber, body);
    this.check(arrived, checksum);
    const upload = this.uploads.get(uploadId);
    if (!upload) throw Object.assign(new Error('no such upload'), { name: 'NoSuchUpload' });
    if (upload.algorithm !== undefined && upload.algorithm !== checksum.algorithm) {
      throw Object.assign(new Error(`the upload takes ${upload.algorithm} checksums`), { name: 'InvalidRequest' });
    }
    upload.parts.set(partNumber, Buffer.from(body));
    return `"${this.etagOf(body)}"`;
  }

  public async completeUpload(uploadId: string, parts: readonly LandedPart[]): Promise<string> {
    this.calls.push(`completeUpload ${uploadId}`);
    this.beforeComplete();
    const upload = this.uploads.get(uploadId)!;
    const bodies = parts.map(({ partNumber, etag, checksum }) => {
      const body = upload.parts.get(partNumber);
      const checksumWrong = upload.algorithm !== undefined && checksum?.value !== checksumOf(upload.algorithm, body ?? Buffer.alloc(0));
      if (!body || `"${this.etagOf(body)}"` !== etag || checksumWrong) throw Object.assign(new Error(`part ${partNumber}`), { name: 'InvalidPart' });
      return body;
    });
    const etag = `${this.etagOf(Buffer.concat(bodies.map(md5)))}-${parts.length}`;
    const checksums: Checksums = {};
    if (upload.algorithm !== undefined) {
      const ofParts = Buffer.concat(bodies.map(body => Buffer.from(checksumOf(upload.algorithm!, body), 'base64')));
      checksums[upload.algorithm] = `${checksumOf(upload.algorithm, ofParts)}-${parts.length}`;
    }
    this.object = { body: Buffer.concat(bodies), etag, checksums };
    this.uploads.delete(uploadId);
    return `"${etag}"`;
  }

  public async putObject(body: Buffer, checksum: PartChecksum): Promise<string> {
    this.calls.push('putObject');
    this.check(body, checksum);
    this.object = { body: Buffer.from(body), etag: this.etagOf(body), checksums: this.checksumsOf(this.kept(checksum.algorithm), body) };
    return `"${this.object.etag}"`;
  }

  /** The verified abort of the audit, over this fake: the upload is gone afterwards. */
  public readonly abortUpload = async (uploadId: string) => {
    this.calls.push(`abortUpload ${uploadId}`);
    this.uploads.delete(uploadId);
    return { gone: true, detail: 'aborted' };
  };

  private etagOf(body: Buffer): string {
    return md5(this.options.opaqueEtags ? Buffer.concat([body, Buffer.from('under a KMS key')]) : body).toString('hex');
  }

  private kept(algorithm: UploadChecksumAlgorithm): UploadChecksumAlgorithm | undefined {
    return this.options.checksums ? algorithm : undefined;
  }

  private checksumsOf(algorithm: UploadChecksumAlgorithm | undefined, body: Buffer): Checksums {
    return algorithm === undefined ? {} : { [algorithm]: checksumOf(algorithm, body) };
  }

  private check(body: Buffer, checksum: PartChecksum): void {
    if (this.options.checksums && checksumOf(checksum.algorithm, body) !== checksum.value) {
      throw Object.assign(new Error(`The ${checksum.algorithm} you specified did not match the calculated checksum.`), { name: 'BadDigest' });
    }
  }
}
