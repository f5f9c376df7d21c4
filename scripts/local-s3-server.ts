import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';

const SCRIPT = join(__dirname, 's3-server.sh');

/** Starts the local S3 server (scripts/s3-server.sh), or finds it running. */
export function startLocalS3Server(): void {
  execFileSync('bash', [SCRIPT, 'start'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });
}

/** The server's `KEY=VALUE` environment: endpoint, region and the two users' keys. */
export function localS3ServerEnv(): Record<string, string> {
  return Object.fromEntries(execFileSync('bash', [SCRIPT, 'env'], { encoding: 'utf8', timeout: 30_000 })
    .split('\n').filter(line => line.includes('=')).map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
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
