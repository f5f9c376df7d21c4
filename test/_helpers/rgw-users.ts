import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DeleteUserPolicyCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { LocalS3Server } from './s3-test-server';

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

/** The gateway's IAM API as the first user (it has the `user-policy=*` cap), through the real SDK. */
function iamOf(server: LocalS3Server): IAMClient {
  return new IAMClient({
    endpoint: server.endpointUrl,
    region: server.region,
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
  });
}

/** Sets the user's one inline policy. */
export async function putUserPolicy(server: LocalS3Server, user: RgwUser, policy: object): Promise<void> {
  await iamOf(server).send(new PutUserPolicyCommand({ UserName: user.uid, PolicyName: 'mpu-audit', PolicyDocument: JSON.stringify(policy) }));
}

export async function deleteUserPolicy(server: LocalS3Server, user: RgwUser): Promise<void> {
  await iamOf(server).send(new DeleteUserPolicyCommand({ UserName: user.uid, PolicyName: 'mpu-audit' }));
}

/**
 * The user ids of the two users scripts/s3-server.sh creates. RGW 16 answers ListMultipartUploads with the
 * requesting user as every upload's Initiator and Owner (ID and DisplayName both the user id), whoever started it.
 */
export const RGW_USER_IDS = { first: 'mpuguardtest', other: 'mpuguardother' } as const;
