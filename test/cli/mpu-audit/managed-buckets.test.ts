import { ExitCode } from '../../../src/cli/exit-code';
import { runCli } from '../../../src/cli/mpu-audit/run-cli';
import type { LifecycleRule } from '../../../src/s3/aws-sdk';
import { accessDenied, FakeS3 } from '../../_helpers/fake-s3';
import { memoryCliIo } from '../memory-cli-io';

const EXPIRE: LifecycleRule = { ID: 'expire', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 30 } };
const CDK_TAGS = {
  'aws:cloudformation:stack-name': 'Storage',
  'aws:cloudformation:stack-id': 'arn:aws:cloudformation:us-east-1:123456789012:stack/Storage/1b2c3d40-0000-11ef-8000-0a1b2c3d4e5f',
  'aws:cloudformation:logical-id': 'UploadsB1A2B3C4',
};

/** A stack's bucket, a Terraform-tagged one, one whose tags are denied and a plain one, none with the abort rule. */
const account = () => new FakeS3({
  stack: { region: 'us-east-1', uploads: [], lifecycle: { rules: [EXPIRE] }, tags: CDK_TAGS },
  terraform: { region: 'us-east-1', uploads: [], tags: { owner: 'terraform' } },
  locked: { region: 'us-east-1', uploads: [], tagsFailWith: accessDenied() },
  plain: { region: 'us-east-1', uploads: [], tags: { team: 'media' } },
});

const written = (s3: FakeS3) => s3.calls.filter(c => c.startsWith('putLifecycle')).map(c => c.split(' ')[1]).sort();

describe('--fix-lifecycle and managed buckets (in process, with a fake S3)', () => {
  test('--yes writes only the unmanaged buckets; each managed one, and the one whose tags are denied, says why and what to change instead; exit 3', async () => {
    // GIVEN
    const s3 = account();
    const { io, out } = memoryCliIo();
    // WHEN
    const code = await runCli(['--fix-lifecycle', '--yes'], io, () => s3);
    // THEN
    expect(code).toBe(ExitCode.INCOMPLETE);
    expect(written(s3)).toEqual(['plain', 'terraform']);
    expect(out.stderr).toContain('\n  not changed: managed by stack Storage: fix the source; ');
    expect(out.stderr).toContain('  In a CDK app, on the bucket whose logical id is UploadsB1A2B3C4, one of:\n');
    expect(out.stderr).toContain('  In a CloudFormation template, under the Properties of the resource UploadsB1A2B3C4:');
    expect(out.stderr).toMatch(/\n {2}not changed: its tags could not be read \(tags: AccessDenied \(HTTP 403\): Access Denied; needs s3:GetBucketTagging\).*--fix-managed/);
    expect(out.stderr).toMatch(/--fix-lifecycle left 1 managed bucket\(s\) and 1 bucket\(s\) whose tags could not be read as they were: fix them in their source \(above\), or add --fix-managed/);
    expect(out.stderr).toMatch(/incomplete: 0 bucket\(s\) could not be read in full, and part of the clean-up failed/);
  });

  test('without a tag named by --managed-tag, a Terraform-tagged bucket is written; with it, it is not', async () => {
    const unnamed = account();
    await runCli(['--fix-lifecycle', '--yes'], memoryCliIo().io, () => unnamed);
    expect(written(unnamed)).toEqual(['plain', 'terraform']);

    const named = account();
    const { io, out } = memoryCliIo();
    await runCli(['--fix-lifecycle', '--yes', '--managed-tag', 'owner=terraform'], io, () => named);
    expect(written(named)).toEqual(['plain']);
    expect(out.stderr).toContain('\n  not changed: managed by the tag owner=terraform (--managed-tag): fix the source');
    expect(out.stderr).toMatch(/--lifecycle-configuration takes it:\n {6}\{\n {8}"Rules": \[/);
  });

  test('a dry run leaves the managed buckets to their source too, and writes nothing', async () => {
    const s3 = account();
    const { io, out } = memoryCliIo();
    expect(await runCli(['--fix-lifecycle'], io, () => s3)).toBe(ExitCode.INCOMPLETE);
    expect(written(s3)).toEqual([]);
    expect(out.stderr).toContain('  not changed: managed by stack Storage: fix the source');
    expect(out.stderr.match(/dry run: add --yes to write it/g)).toHaveLength(2);
  });

  test('--fix-managed writes every bucket, with one warning per managed bucket on stderr; exit 0', async () => {
    const s3 = account();
    const { io, out } = memoryCliIo();
    expect(await runCli(['--fix-lifecycle', '--yes', '--fix-managed', '--managed-tag', 'owner'], io, () => s3)).toBe(ExitCode.OK);
    expect(written(s3)).toEqual(['locked', 'plain', 'stack', 'terraform']);
    expect(out.stderr).toContain('mpu-audit: warning: stack is managed by stack Storage: the stack\'s next update reverts this rule; fix the source too (below)\n');
    expect(out.stderr).toContain('mpu-audit: warning: terraform is managed by the tag owner=terraform: ');
    expect(out.stderr).toContain('mpu-audit: warning: the tags of locked could not be read (tags: AccessDenied');
    expect(out.stderr.match(/mpu-audit: warning:/g)).toHaveLength(3);
    expect(out.stderr).not.toMatch(/not changed/);
  });

  test('the report says who manages each bucket; tags that cannot be read do not make the audit incomplete', async () => {
    const { io, out } = memoryCliIo();
    expect(await runCli(['--format', 'json', '--managed-tag', 'owner'], io, () => account())).toBe(ExitCode.OK);
    const byName = Object.fromEntries(JSON.parse(out.stdout).buckets.map((b: { name: string }) => [b.name, b]));
    expect(byName.stack.managedBy).toEqual({
      kind: 'cloudformation',
      stackName: 'Storage',
      ...{
        stackId: CDK_TAGS['aws:cloudformation:stack-id'], logicalId: 'UploadsB1A2B3C4',
      },
    });
    expect(byName.terraform.managedBy).toEqual({ kind: 'tag', key: 'owner', value: 'terraform' });
    expect(byName.locked).toMatchObject({ error: null, managedBy: { kind: 'unknown' } });
    expect(byName.plain.managedBy).toBeNull();
  });

  test('the table marks them, and says what the marks mean', async () => {
    const { io, out } = memoryCliIo();
    await runCli(['--managed-tag', 'owner'], io, () => account());
    const lines = out.stdout.split('\n');
    expect(lines[0]).toMatch(/^BUCKET +REGION +VERDICT +MANAGED +ORPHANED UPLOADS/);
    expect(lines.find(line => line.startsWith('stack '))).toMatch(/MultipartUpload-MPU1 +stack /);
    expect(lines.find(line => line.startsWith('terraform '))).toMatch(/MultipartUpload-MPU1 +tag /);
    expect(lines.find(line => line.startsWith('locked '))).toMatch(/MultipartUpload-MPU1 +\? /);
    expect(lines.find(line => line.startsWith('plain '))).toMatch(/MultipartUpload-MPU1 +- /);
    expect(out.stdout).toContain('Managed: 1 bucket by a CloudFormation stack (stack), 1 bucket by a tag given with --managed-tag (tag);');
    expect(out.stdout).toContain('The tags of 1 bucket could not be read (?; --format json says why, most often a missing s3:GetBucketTagging): '
      + 'whether a stack manages it is unknown, and --fix-lifecycle leaves it alone unless --fix-managed.');
  });
});
