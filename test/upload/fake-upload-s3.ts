import { createHash } from 'node:crypto';
import { ListedPart } from '../../src/upload/existing-upload';
import { IncompleteUpload, StoredObject, UploadS3 } from '../../src/upload/upload-s3-port';

interface FakeUpload {
  readonly initiated: Date;
  readonly parts: Map<number, Buffer>;
}

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest();

/** One key of an in-memory S3, as the uploader sees it; records every call. */
export class FakeUploadS3 implements UploadS3 {
  public readonly calls: string[] = [];
  public readonly uploads = new Map<string, FakeUpload>();
  private nextId = 1;
  public object: { body: Buffer; etag: string } | undefined;
  /** Called before each UploadPart is taken: throw to fail it. */
  public beforePart: (partNumber: number) => Promise<void> | void = () => undefined;
  /** Called before CompleteMultipartUpload is taken: throw to fail it. */
  public beforeComplete: () => void = () => undefined;

  public async headObject(): Promise<StoredObject | undefined> {
    this.calls.push('headObject');
    return this.object && { size: this.object.body.length, etag: `"${this.object.etag}"` };
  }

  public async listIncompleteUploads(): Promise<IncompleteUpload[]> {
    this.calls.push('listIncompleteUploads');
    return [...this.uploads].map(([uploadId, upload]) => ({ uploadId, initiated: upload.initiated }));
  }

  public async listParts(uploadId: string): Promise<ListedPart[] | null> {
    this.calls.push(`listParts ${uploadId}`);
    const upload = this.uploads.get(uploadId);
    return upload ? [...upload.parts].map(([partNumber, body]) => ({ partNumber, size: body.length, etag: `"${md5(body).toString('hex')}"` })) : null;
  }

  public async createUpload(): Promise<string> {
    const uploadId = `upload-${this.nextId++}`;
    this.calls.push(`createUpload ${uploadId}`);
    this.uploads.set(uploadId, { initiated: new Date(Date.UTC(2026, 11, 1, 0, this.nextId)), parts: new Map() });
    return uploadId;
  }

  /** Starts an upload holding these parts, as an earlier run left it. */
  public seed(parts: Record<number, Buffer>, initiated = new Date(Date.UTC(2026, 10, 1))): string {
    const uploadId = `seeded-${this.nextId++}`;
    this.uploads.set(uploadId, { initiated, parts: new Map(Object.entries(parts).map(([n, body]) => [Number(n), body])) });
    return uploadId;
  }

  public async uploadPart(uploadId: string, partNumber: number, body: Buffer, md5Base64: string, signal: AbortSignal): Promise<string> {
    this.calls.push(`uploadPart ${uploadId} ${partNumber}`);
    await this.beforePart(partNumber);
    if (signal.aborted) throw Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
    if (md5(body).toString('base64') !== md5Base64) throw Object.assign(new Error('Content-MD5 does not match'), { name: 'BadDigest' });
    const upload = this.uploads.get(uploadId);
    if (!upload) throw Object.assign(new Error('no such upload'), { name: 'NoSuchUpload' });
    upload.parts.set(partNumber, Buffer.from(body));
    return `"${md5(body).toString('hex')}"`;
  }

  public async completeUpload(uploadId: string, parts: ReadonlyArray<{ partNumber: number; etag: string }>): Promise<string> {
    this.calls.push(`completeUpload ${uploadId}`);
    this.beforeComplete();
    const upload = this.uploads.get(uploadId)!;
    const bodies = parts.map(({ partNumber, etag }) => {
      const body = upload.parts.get(partNumber);
      if (!body || `"${md5(body).toString('hex')}"` !== etag) throw Object.assign(new Error(`part ${partNumber}`), { name: 'InvalidPart' });
      return body;
    });
    const etag = `${md5(Buffer.concat(bodies.map(md5))).toString('hex')}-${parts.length}`;
    this.object = { body: Buffer.concat(bodies), etag };
    this.uploads.delete(uploadId);
    return `"${etag}"`;
  }

  public async putObject(body: Buffer, md5Base64: string): Promise<string> {
    this.calls.push('putObject');
    if (md5(body).toString('base64') !== md5Base64) throw Object.assign(new Error('Content-MD5 does not match'), { name: 'BadDigest' });
    this.object = { body: Buffer.from(body), etag: md5(body).toString('hex') };
    return `"${this.object.etag}"`;
  }

  /** The verified abort of the audit, over this fake: the upload is gone afterwards. */
  public readonly abortUpload = async (uploadId: string) => {
    this.calls.push(`abortUpload ${uploadId}`);
    this.uploads.delete(uploadId);
    return { gone: true, detail: 'aborted' };
  };
}
