import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListMultipartUploadsCommand, ListPartsCommand } from '@aws-sdk/client-s3';
import { startedLocalS3Server } from '../lib/local-s3-server';
import { signalThenDrop, startS3Proxy } from '../lib/s3-proxy';

/* eslint-disable no-console */

const MIB = 2 ** 20;

/**
 * The seed's failure, and mpu-upload's answer, on the local S3 server: an upload of 8 parts is
 * killed (SIGKILL) while part 5 is on its way, its 4 parts stay billed, and the same command
 * again sends only the 4 missing parts and completes, leaving nothing behind.
 */
async function main(): Promise<number> {
  const repo = join(__dirname, '..', '..');
  const { env, client: s3 } = startedLocalS3Server();
  const bucket = `backups-${Date.now().toString(36)}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const bytes = randomBytes(40 * MIB);
  const file = join(mkdtempSync(join(tmpdir(), 'demo-upload-')), 'backup.tar');
  writeFileSync(file, bytes);

  let uploader: ReturnType<typeof spawn> | undefined;
  let killAtPart: string | undefined = '5';
  const proxy = await startS3Proxy({
    target: env.S3_ENDPOINT_URL,
    faultFor: r => (r.query.get('partNumber') === killAtPart && uploader ? signalThenDrop(() => uploader!, 'SIGKILL') : undefined),
  });
  const args = [file, `s3://${bucket}/backup.tar`, '--endpoint-url', proxy.url, '--part-size', '5MiB', '--concurrency', '1', '--no-progress'];
  const upload = () => new Promise<number | NodeJS.Signals | null>(resolve => {
    console.log(`\n$ mpu-upload ${args.join(' ')}`);
    uploader = spawn(process.execPath, [join(repo, 'bin', 'mpu-upload'), ...args], {
      stdio: 'inherit', env: { ...process.env, ...env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
    });
    uploader.on('close', (code, signal) => resolve(signal ?? code));
  });
  try {
    console.log(`\n== mpu-upload: a 40 MiB backup in 5 MiB parts to s3://${bucket}, the client killed while sending part 5`);
    const killed = await upload();
    const [left] = (await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? [];
    if (killed !== 'SIGKILL' || !left) throw new Error(`the first run was to be killed and leave an upload (it ended with ${killed})`);
    const parts = (await s3.send(new ListPartsCommand({ Bucket: bucket, Key: 'backup.tar', UploadId: left.UploadId }))).Parts ?? [];
    const billed = parts.reduce((n, p) => n + (p.Size ?? 0), 0) / MIB;
    console.log(`   killed (SIGKILL). Left on S3: upload ${left.UploadId} with ${parts.length} parts, ${billed} MiB, billed until someone aborts it;`);
    console.log('   a plain retry would start a new upload beside it. The same command again:');

    killAtPart = undefined;
    if (await upload() !== 0) throw new Error('the second run did not complete');
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'backup.tar' }));
    const same = createHash('sha256').update(await object.Body!.transformToByteArray()).digest('hex') === createHash('sha256').update(bytes).digest('hex');
    const incomplete = ((await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? []).length;
    console.log(`   the object is the file byte for byte (SHA-256): ${same}; incomplete uploads left: ${incomplete}`);
    return same && incomplete === 0 ? 0 : 1;
  } finally {
    await proxy.close();
  }
}

main().then(code => { process.exitCode = code; }, error => {
  console.error(`demo-upload: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
});
