import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  CreateBucketCommand, CreateMultipartUploadCommand, ListMultipartUploadsCommand, ListObjectsV2Command, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { monitorHandler } from '../../src/monitor/runtime/monitor-handler';
import { MONITOR_SETTINGS_VARIABLE, MonitorSettings } from '../../src/monitor/runtime/monitor-settings';
import { SdkS3 } from '../../src/s3/sdk-s3';
import { startedLocalS3Server } from '../lib/local-s3-server';

/* eslint-disable no-console */

/**
 * The seeds' worked example against the local S3 server, scaled down: a
 * backup of five 5 MiB parts dies after three, mpu-audit finds the 15 MiB,
 * --fix-lifecycle adds the abort rule, the server aborts the upload, and the
 * audit shows zero. A lifecycle "day" lasts 10 s on this server.
 */
async function main(): Promise<number> {
  const repo = join(__dirname, '..', '..');
  const { env, client: s3 } = startedLocalS3Server();

  const bucket = `vault-${Date.now().toString(36)}`;
  console.log(`\n== the worked example on the local S3 server (Ceph RGW at ${env.S3_ENDPOINT_URL}), scaled to 5 MiB parts`);
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'backup.tar' }));
  for (const part of [1, 2, 3]) {
    await s3.send(new UploadPartCommand({ Bucket: bucket, Key: 'backup.tar', UploadId, PartNumber: part, Body: Buffer.alloc(5 * 2 ** 20, part) }));
  }
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  console.log(`   parts 1-3 of 5 of s3://${bucket}/backup.tar uploaded, then the client died; LIST shows ${listed.KeyCount ?? 0} objects`);

  const audit = (...args: string[]) => {
    console.log(`\n$ mpu-audit --endpoint-url ${env.S3_ENDPOINT_URL} ${args.join(' ')}`);
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(repo, 'scripts', 'demo', 'mpu-audit.ts'), '--endpoint-url', env.S3_ENDPOINT_URL, ...args], {
      cwd: repo, encoding: 'utf8', env: { ...process.env, ...env, TS_NODE_PROJECT: 'tsconfig.dev.json', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
    });
    process.stdout.write(run.stdout);
    process.stdout.write(run.stderr);
    return run.status;
  };

  // In the demo the upload is seconds old; a real audit keeps the default --older-than 24h.
  audit('--bucket', bucket, '--older-than', '0s');
  await monitorRun(bucket, env);
  if (audit('--bucket', bucket, '--older-than', '0s', '--fix-lifecycle', '--days', '1', '--yes') !== 0) return 1;

  process.stdout.write('\n   waiting for the server\'s lifecycle run to abort the upload ');
  for (let waited = 0; ((await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? []).length > 0; waited += 2) {
    if (waited > 120) {
      console.log('\n   the server did not abort the upload within 120 s');
      return 1;
    }
    process.stdout.write('.');
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  console.log(' done');
  return audit('--bucket', bucket, '--older-than', '0s', '--fail-on-bytes', '0') ?? 1;
}

/** OrphanedUploadsMonitor's function, in process on the same server, with CloudWatch replaced by a printout. */
async function monitorRun(bucket: string, env: Record<string, string>): Promise<void> {
  console.log('\n== OrphanedUploadsMonitor\'s function on the same server: what it would publish to CloudWatch');
  Object.assign(process.env, env);
  const settings: MonitorSettings = {
    namespace: 'MpuGuard',
    regions: [],
    buckets: [bucket],
    olderThanSeconds: 0,
    maxDays: 7,
    concurrency: 16,
    perBucketMetrics: true,
    abortOrphansOlderThanDays: null,
    keepUploadsUnderPrefixes: [],
    keepUploadsInitiatedBy: [],
    fixLifecycleDays: null,
  };
  const run = monitorHandler(() => ({
    environment: { [MONITOR_SETTINGS_VARIABLE]: JSON.stringify(settings) },
    s3: new SdkS3({ endpointUrl: env.S3_ENDPOINT_URL, region: env.AWS_REGION }),
    metrics: {
      putMetricData: async (namespace, data) => data.forEach(d => console.log(
        `   ${namespace} ${d.MetricName}${d.Dimensions ? ` BucketName=${d.Dimensions[0].Value}` : ''} = ${d.Value} ${d.Unit}`)),
    },
    log: result => console.log(`   covered ${result.bucketsAudited} bucket(s), complete: ${result.complete}`),
  }));
  await run({}, { getRemainingTimeInMillis: () => 900_000 });
}

main().then(code => { process.exitCode = code; }, error => {
  console.error(error);
  process.exitCode = 1;
});
