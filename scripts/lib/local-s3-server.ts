import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';

const SCRIPT = join(__dirname, '..', 's3-server.sh');

/** Starts the local S3 server (scripts/s3-server.sh), or finds it running. */
export function startLocalS3Server(): void {
  execFileSync('bash', [SCRIPT, 'start'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });
}

/** The server's `KEY=VALUE` environment: endpoint, region and the two users' keys. */
export function localS3ServerEnv(): Record<string, string> {
  return Object.fromEntries(execFileSync('bash', [SCRIPT, 'env'], { encoding: 'utf8', timeout: 30_000 })
    .split('\n').filter(line => line.includes('=')).map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

/** Starts the local S3 server, or finds it running: its environment, and a client of its first user. */
export function startedLocalS3Server(): { env: Record<string, string>; client: S3Client } {
  startLocalS3Server();
  const env = localS3ServerEnv();
  return { env, client: localS3Client(env.S3_ENDPOINT_URL, env.AWS_REGION, env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY) };
}

/** An SDK client for the server at `endpoint` (the server, or a proxy in front of it) with the given keys. */
export function localS3Client(endpoint: string, region: string, accessKeyId: string, secretAccessKey: string): S3Client {
  return new S3Client({
    endpoint,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
