import { execFileSync } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { LocalS3Server } from './local-s3-server';

/** A server user made for one test file, with its own keys. */
export interface RgwUser {
  readonly uid: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** The ceph.conf of the server that scripts/s3-server.sh runs (same state dir rule as the script). */
function cephConf(): string {
  return join(process.env.S3_SERVER_DIR ?? join(__dirname, '..', '..', '.s3-server'), 'ceph.conf');
}

function radosgwAdmin(args: readonly string[]): string {
  return execFileSync('radosgw-admin', ['-c', cephConf(), ...args], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Creates a user with no caps and no buckets (radosgw-admin writes to the cluster; the running gateway is not touched). */
export function createRgwUser(label: string): RgwUser {
  const uid = `${label}-${randomBytes(4).toString('hex')}`;
  const user = { uid, accessKeyId: `${uid}-key`, secretAccessKey: randomBytes(16).toString('hex') };
  radosgwAdmin(['user', 'create', '--uid', uid, '--display-name', uid, '--access-key', user.accessKeyId, '--secret-key', user.secretAccessKey]);
  return user;
}

export function removeRgwUser(user: RgwUser): void {
  radosgwAdmin(['user', 'rm', '--uid', user.uid]);
}

/**
 * Sets the user's one inline policy through the gateway's IAM API, as the first
 * user (it has the `user-policy=*` cap). @aws-sdk/client-iam is not a dependency,
 * so the request is signed here (SigV4, service `iam`).
 */
export async function putUserPolicy(server: LocalS3Server, user: RgwUser, policy: object): Promise<void> {
  await iam(server, { Action: 'PutUserPolicy', UserName: user.uid, PolicyName: 'mpu-audit', PolicyDocument: JSON.stringify(policy) });
}

export async function deleteUserPolicy(server: LocalS3Server, user: RgwUser): Promise<void> {
  await iam(server, { Action: 'DeleteUserPolicy', UserName: user.uid, PolicyName: 'mpu-audit' });
}

async function iam(server: LocalS3Server, params: Record<string, string>): Promise<string> {
  const body = new URLSearchParams({ ...params, Version: '2010-05-08' }).toString();
  const url = new URL(server.endpointUrl);
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const scope = `${amzDate.slice(0, 8)}/${server.region}/iam/aws4_request`;
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    'host': url.host,
    'x-amz-content-sha256': sha256(body),
    'x-amz-date': amzDate,
  };
  const names = Object.keys(headers).sort();
  const canonical = ['POST', '/', '', ...names.map(n => `${n}:${headers[n]}`), '', names.join(';'), headers['x-amz-content-sha256']].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = ['iam', 'aws4_request'].reduce(
    (k, part) => hmac(k, part), hmac(hmac(`AWS4${server.secretAccessKey}`, amzDate.slice(0, 8)), server.region));
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  const authorization = `AWS4-HMAC-SHA256 Credential=${server.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  const response = await fetch(new URL('/', url), { method: 'POST', headers: { ...headers, authorization }, body });
  const text = await response.text();
  if (!response.ok) throw new Error(`IAM ${params.Action} for ${params.UserName}: HTTP ${response.status}: ${text}`);
  return text;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function hmac(key: string | Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest();
}
