import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '../../s3/aws-sdk';

/** The report bucket of an organization audit, as the run's functions use it. */
export interface ReportStore {
  put(key: string, body: string): Promise<void>;
  get(key: string): Promise<string>;
  /** Every key under the prefix, every page. */
  list(prefix: string): Promise<string[]>;
}

/** A ReportStore on an S3 bucket, through the SDK. */
export class S3ReportStore implements ReportStore {
  constructor(private readonly client: S3Client, private readonly bucket: string) {}

  public async put(key: string, body: string): Promise<void> {
    // The length up front: an empty part file is otherwise taken for a stream of unknown length.
    const bytes = Buffer.from(body, 'utf8');
    await this.client.send(new PutObjectCommand({
      Bucket: this.bucket, Key: key, Body: bytes, ContentLength: bytes.length, ContentType: contentTypeOf(key),
    }));
  }

  public async get(key: string): Promise<string> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return object.Body!.transformToString();
  }

  public async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map(o => o.Key!).filter(Boolean));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }
}

function contentTypeOf(key: string): string {
  return key.endsWith('.jsonl') ? 'application/x-ndjson' : 'application/json';
}
