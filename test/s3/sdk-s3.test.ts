import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SdkS3 } from '../../src/s3/sdk-s3';

/** A stub S3 endpoint: answers each request with the next scripted response and records the requests. */
class StubS3 {
  public readonly requests: URL[] = [];
  private readonly server: Server;
  private responses: Array<{ status: number; body: string }> = [];

  constructor() {
    this.server = createServer((req: IncomingMessage, res) => {
      this.requests.push(new URL(req.url ?? '/', 'http://stub'));
      const next = this.responses.shift() ?? { status: 500, body: '<Error><Code>InternalError</Code><Message>no scripted response</Message></Error>' };
      req.resume();
      req.on('end', () => {
        res.writeHead(next.status, { 'Content-Type': 'application/xml' });
        res.end(next.body);
      });
    });
  }

  public async start(): Promise<string> {
    await new Promise<void>(resolve => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  public script(...responses: Array<{ status: number; body: string }>): void {
    this.responses = responses;
  }

  public stop(): Promise<void> {
    return new Promise(resolve => this.server.close(() => resolve()));
  }
}

const ok = (body: string) => ({ status: 200, body: `<?xml version="1.0" encoding="UTF-8"?>${body}` });
const slowDown = { status: 503, body: '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>' };
const uploadsPage = (keys: string[], truncated: boolean, next?: [string, string]) => ok(
  '<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>b</Bucket>'
  + `<IsTruncated>${truncated}</IsTruncated>${next ? `<NextKeyMarker>${next[0]}</NextKeyMarker><NextUploadIdMarker>${next[1]}</NextUploadIdMarker>` : ''}`
  + keys.map(key => `<Upload><Key>${key}</Key><UploadId>id-${key}</UploadId><Initiated>2026-01-01T00:00:00.000Z</Initiated><StorageClass>STANDARD_IA</StorageClass></Upload>`).join('')
  + '</ListMultipartUploadsResult>');
const partsPage = (sizes: number[], truncated: boolean, next?: number) => ok(
  `<ListPartsResult><Bucket>b</Bucket><Key>k</Key><UploadId>u</UploadId><IsTruncated>${truncated}</IsTruncated>${next ? `<NextPartNumberMarker>${next}</NextPartNumberMarker>` : ''}`
  + sizes.map((size, i) => `<Part><PartNumber>${i + 1}</PartNumber><Size>${size}</Size><ETag>"e"</ETag></Part>`).join('')
  + '</ListPartsResult>');

describe('SdkS3 (the real AWS SDK against a stub endpoint)', () => {
  const stub = new StubS3();
  let endpointUrl: string;
  const bucket = { name: 'b', region: 'us-east-1' };
  const s3 = (maxAttempts?: number) => new SdkS3({ endpointUrl, region: 'us-east-1', maxAttempts });

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDSTUB';
    process.env.AWS_SECRET_ACCESS_KEY = 'stub-secret';
    endpointUrl = await stub.start();
  });
  afterAll(() => stub.stop());
  beforeEach(() => stub.requests.splice(0));

  async function allUploads(client: SdkS3) {
    const keys: string[] = [];
    for await (const page of client.listUploads(bucket)) keys.push(...page.map(u => `${u.key}:${u.storageClass}`));
    return keys;
  }

  test('follows KeyMarker and UploadIdMarker while IsTruncated', async () => {
    stub.script(uploadsPage(['a', 'b'], true, ['b', 'id-b']), uploadsPage(['c'], true, ['c', 'id-c']), uploadsPage(['d'], false));
    expect(await allUploads(s3())).toEqual(['a:STANDARD_IA', 'b:STANDARD_IA', 'c:STANDARD_IA', 'd:STANDARD_IA']);
    expect(stub.requests.map(r => [r.searchParams.get('key-marker'), r.searchParams.get('upload-id-marker')])).toEqual([[null, null], ['b', 'id-b'], ['c', 'id-c']]);
  });

  test('carries each upload\'s Initiator and Owner as AWS sends them, and null for one the server left out', async () => {
    // GIVEN: an upload of an assumed role in an account's bucket (AWS's shape), and one without either element
    const session = 'arn:aws:sts::123456789012:assumed-role/Uploader/resume-7';
    const canonical = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';
    stub.script(ok('<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>b</Bucket><IsTruncated>false</IsTruncated>'
      + '<Upload><Key>a</Key><UploadId>id-a</UploadId><Initiated>2026-01-01T00:00:00.000Z</Initiated><StorageClass>STANDARD</StorageClass>'
      + `<Initiator><ID>${session}</ID><DisplayName>Uploader/resume-7</DisplayName></Initiator><Owner><ID>${canonical}</ID><DisplayName>ops</DisplayName></Owner></Upload>`
      + '<Upload><Key>b</Key><UploadId>id-b</UploadId><Initiated>2026-01-01T00:00:00.000Z</Initiated></Upload>'
      + '</ListMultipartUploadsResult>'));
    // WHEN
    const listed = [];
    for await (const page of s3().listUploads(bucket)) listed.push(...page);
    // THEN
    expect(listed.map(u => [u.key, u.initiator, u.owner])).toEqual([
      ['a', { id: session, displayName: 'Uploader/resume-7' }, { id: canonical, displayName: 'ops' }],
      ['b', null, null],
    ]);
  });

  test('stops when IsTruncated is false even if the server sends markers (as RGW does)', async () => {
    stub.script(uploadsPage(['a'], false, ['a', 'id-a']));
    expect(await allUploads(s3())).toEqual(['a:STANDARD_IA']);
    expect(stub.requests).toHaveLength(1);
  });

  test('refuses to loop when a truncated page repeats the markers it was given', async () => {
    stub.script(uploadsPage(['a'], true, ['a', 'id-a']), uploadsPage(['a'], true, ['a', 'id-a']));
    await expect(allUploads(s3())).rejects.toThrow('ListMultipartUploads on b said there is more but gave the same markers again');
  });

  test('sums parts over every ListParts page', async () => {
    stub.script(partsPage([5, 6], true, 2), partsPage([7], false));
    expect(await s3().sumParts(bucket, { key: 'k', uploadId: 'u', initiated: new Date(), storageClass: 'STANDARD' })).toEqual({ parts: 3, bytes: 18 });
    expect(stub.requests[1].searchParams.get('part-number-marker')).toBe('2');
  });

  // The SDK's standard retry waits up to 1 s, then up to 2 s, before the retries of a throttled request.
  test('retries SlowDown (503) and succeeds, telling the listener of each throttled attempt', async () => {
    const client = s3();
    let throttles = 0;
    const stop = client.onThrottled(() => throttles++);
    stub.script(slowDown, slowDown, uploadsPage(['a'], false));
    expect(await allUploads(client)).toEqual(['a:STANDARD_IA']);
    expect(stub.requests).toHaveLength(3);
    expect(throttles).toBe(2);
    stop();
    stub.script(slowDown, uploadsPage(['a'], false));
    await allUploads(client);
    expect(throttles).toBe(2);
  }, 15_000);

  test('an error that is not throttling is not reported as one', async () => {
    const client = s3();
    let throttles = 0;
    client.onThrottled(() => throttles++);
    stub.script({ status: 403, body: '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>' });
    await expect(allUploads(client)).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(throttles).toBe(0);
  });

  test('gives up after maxAttempts and surfaces the S3 error code and message', async () => {
    // (the retry waits up to 1 s)
    stub.script(slowDown, slowDown, slowDown);
    await expect(allUploads(s3(2))).rejects.toMatchObject({ name: 'SlowDown', message: 'Please reduce your request rate.' });
    expect(stub.requests).toHaveLength(2);
  });

  test.each([
    ['', 'us-east-1'],
    ['EU', 'eu-west-1'],
    ['ap-southeast-2', 'ap-southeast-2'],
  ])('a LocationConstraint of "%s" is region %s', async (constraint, region) => {
    stub.script(ok(`<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${constraint}</LocationConstraint>`));
    expect(await s3().bucketRegion('b')).toBe(region);
  });

  test('a bucket without lifecycle configuration is undefined, not an error', async () => {
    stub.script({ status: 404, body: '<Error><Code>NoSuchLifecycleConfiguration</Code><Message>none</Message></Error>' });
    expect(await s3().getLifecycle(bucket)).toBeUndefined();
  });

  test('an upload that is gone by the time of the abort is "already-gone"', async () => {
    stub.script({ status: 404, body: '<Error><Code>NoSuchUpload</Code><Message>gone</Message></Error>' });
    expect(await s3().abortUpload(bucket, { key: 'k', uploadId: 'u', initiated: new Date(), storageClass: 'STANDARD' })).toBe('already-gone');
  });
});
