import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { MONITOR_SETTINGS_VARIABLE, MonitorSettings } from '../../src/monitor/runtime/monitor-settings';
import { clientOf, localS3Server, newBucket, removeBucket } from '../_helpers/s3-test-server';
import { seedUpload } from '../_helpers/seed';

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;
const BUNDLE = join(__dirname, '..', '..', 'assets', 'monitor', 'audit-and-publish.lambda', 'index.js');

/** CloudWatch's PutMetricData (AWS JSON 1.0) on a local port, recording each request body. */
function fakeCloudWatch(): Promise<{ server: Server; url: string; requests: Array<{ target: string; body: any }> }> {
  const requests: Array<{ target: string; body: any }> = [];
  const http = createServer((request, response) => {
    let text = '';
    request.on('data', chunk => { text += chunk; });
    request.on('end', () => {
      requests.push({ target: String(request.headers['x-amz-target']), body: JSON.parse(text) });
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}');
    });
  });
  return new Promise(resolve => http.listen(0, '127.0.0.1', () => {
    resolve({ server: http, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, requests });
  }));
}

describeS3('the monitor function as deployed: the esbuild bundle, run by Node against a real S3 server', () => {
  let client: S3Client;
  let bucket: string;

  beforeAll(async () => {
    client = clientOf(server!);
    bucket = await newBucket(client, 'mon-bundle');
  });
  afterAll(() => removeBucket(client, bucket));

  test('the bundle audits with the real SDK clients and sends PutMetricData with the exact values', async () => {
    // GIVEN: the bundle the construct deploys (built by `npx projen bundle`, part of every build)
    expect(existsSync(BUNDLE) ? BUNDLE : `missing ${BUNDLE}: run npx projen bundle`).toBe(BUNDLE);
    await seedUpload(client, bucket, 'a.bin', [5_242_880, 17]);
    const cloudWatch = await fakeCloudWatch();
    const settings: MonitorSettings = {
      namespace: 'MpuGuardBundleTest',
      regions: [],
      buckets: [bucket],
      olderThanSeconds: 0,
      maxDays: 7,
      concurrency: 4,
      perBucketMetrics: true,
      abortOrphansOlderThanDays: null,
      keepUploadsUnderPrefixes: [],
      keepUploadsInitiatedBy: [],
      fixLifecycleDays: null,
    };
    // WHEN: Node loads index.js and calls handler, as Lambda does; endpoints come from the SDK's own variables
    const invoke = `require(${JSON.stringify(BUNDLE)}).handler({}, { getRemainingTimeInMillis: () => 900000 })`
      + '.then(r => process.stdout.write("RESULT " + JSON.stringify(r)), e => { console.error(e); process.exit(1); })';
    let run: { stdout: string; stderr: string };
    try {
      run = await promisify(execFile)(process.execPath, ['-e', invoke], {
        env: {
          PATH: process.env.PATH,
          ...server!.env,
          AWS_ENDPOINT_URL_S3: server!.endpointUrl,
          AWS_ENDPOINT_URL_CLOUDWATCH: cloudWatch.url,
          [MONITOR_SETTINGS_VARIABLE]: JSON.stringify(settings),
        },
      });
    } finally {
      cloudWatch.server.close();
    }
    // THEN
    const result = JSON.parse(run.stdout.slice(run.stdout.indexOf('RESULT ') + 7));
    expect(result).toMatchObject({ complete: true, bucketsAudited: 1, orphanedUploads: 1, orphanedBytes: 5_242_897, bucketsFailingAbortRule: 1 });
    expect(cloudWatch.requests).toHaveLength(1);
    expect(cloudWatch.requests[0].target).toBe('GraniteServiceVersion20100801.PutMetricData');
    const { Namespace, MetricData } = cloudWatch.requests[0].body;
    expect(Namespace).toBe('MpuGuardBundleTest');
    const values = Object.fromEntries(MetricData.map((d: any) => [`${d.MetricName}${d.Dimensions ? `=${d.Dimensions[0].Value}` : ''}`, [d.Value, d.Unit]]));
    expect(values).toMatchObject({
      OrphanedBytes: [5_242_897, 'Bytes'],
      OrphanedUploads: [1, 'Count'],
      BucketsFailingAbortRule: [1, 'Count'],
      BucketsNotAudited: [0, 'Count'],
      [`OrphanedBytes=${bucket}`]: [5_242_897, 'Bytes'],
    });
  });
});
