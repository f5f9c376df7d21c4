import { isDeepStrictEqual } from 'node:util';
import {
  DeleteBucketCommand, DeleteBucketLifecycleCommand, GetBucketLifecycleConfigurationCommand, LifecycleRule,
  PutBucketLifecycleConfigurationCommand, S3Client,
} from '@aws-sdk/client-s3';
import { LifecycleCase, pick, randomLifecycleCase } from './random-lifecycle';
import { mulberry32 } from '../../scripts/lib/mulberry32';
import { audit, fixLifecycles, FIX_RULE_ID, LifecycleFixResult, SdkS3 } from '../../src/audit';
import { evaluateLifecycle } from '../../src/policy/evaluate';
import { lifecycleFromS3Api } from '../../src/policy/from-s3-api';
import { Verdict } from '../../src/policy/verdict';
import { runMpuAudit } from '../_helpers/run-mpu-audit';
import { clientOf, localS3Server, newBucket } from '../_helpers/s3-test-server';

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;

/** Replay: FIX_LIFECYCLE_SEEDS=17,42 runs only those seeds, in every test of this file. */
const REPLAY = process.env.FIX_LIFECYCLE_SEEDS?.split(',').map(Number);
const seeds = (from: number, count: number) => REPLAY ?? Array.from({ length: count }, (_, i) => from + i);

/** The configuration as the server holds it, without the response metadata; undefined when it has none. */
interface Held {
  readonly Rules: LifecycleRule[];
  readonly TransitionDefaultMinimumObjectSize?: string;
}

async function held(client: S3Client, bucket: string): Promise<Held | undefined> {
  try {
    const { Rules, TransitionDefaultMinimumObjectSize } = await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    return { Rules: Rules ?? [], TransitionDefaultMinimumObjectSize };
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchLifecycleConfiguration') return undefined;
    throw error;
  }
}

async function put(client: S3Client, bucket: string, rules: LifecycleRule[] | undefined): Promise<void> {
  await client.send(rules
    ? new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: rules } })
    : new DeleteBucketLifecycleCommand({ Bucket: bucket }));
}

/** Runs `work` over `items`, `width` at a time. */
async function inPool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: width }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

const WHOLE_BUCKET_SCOPES = [{ Prefix: '' }, { Filter: { Prefix: '' } }, { Filter: {} }];

/** What is wrong with what fixLifecycles said it did. */
function resultProblems(c: LifecycleCase, result: LifecycleFixResult): string[] {
  const expected = c.compliant ? { action: 'none', applied: false, error: null } : { action: 'add', applied: true, error: null };
  const got = { action: result.plan.action, applied: result.applied, error: result.error };
  return isDeepStrictEqual(got, expected) ? [] : [`expected ${JSON.stringify(expected)}, got ${JSON.stringify({ ...got, reason: result.plan.reason })}`];
}

/**
 * What is wrong with the server's configuration after the fix, given the one
 * read back before it (the original: RGW normalises what it was sent).
 */
function heldProblems(c: LifecycleCase, original: Held | undefined, after: Held | undefined): string[] {
  if (c.compliant) {
    return isDeepStrictEqual(after, original) ? [] : [`a compliant bucket's configuration changed: ${JSON.stringify(after)}`];
  }
  const problems: string[] = [];
  const originalRules = original?.Rules ?? [];
  // Order-insensitive, and each original rule matches its own held rule.
  const left = [...(after?.Rules ?? [])];
  for (const rule of originalRules) {
    const at = left.findIndex(h => isDeepStrictEqual(h, rule));
    if (at < 0) problems.push(`the original rule ${JSON.stringify(rule)} is gone or changed`);
    else left.splice(at, 1);
  }
  if (after?.TransitionDefaultMinimumObjectSize !== original?.TransitionDefaultMinimumObjectSize) {
    problems.push(`TransitionDefaultMinimumObjectSize changed to ${after?.TransitionDefaultMinimumObjectSize}`);
  }
  if (left.length !== 1) {
    problems.push(`expected exactly one added rule, found ${left.length}: ${JSON.stringify(left)}`);
    return problems;
  }
  const { ID, Status, AbortIncompleteMultipartUpload, ...scope } = left[0];
  if (!ID?.startsWith(FIX_RULE_ID) || originalRules.some(r => r.ID === ID)) problems.push(`the added rule has the id ${ID}`);
  if (Status !== 'Enabled') problems.push(`the added rule is ${Status}`);
  if (!isDeepStrictEqual(AbortIncompleteMultipartUpload, { DaysAfterInitiation: c.days })) {
    problems.push(`the added rule aborts after ${JSON.stringify(AbortIncompleteMultipartUpload)}, not ${c.days} days`);
  }
  // Anything else on it (an expiration, a transition, a narrower filter) is a scope or an action it must not have.
  if (!WHOLE_BUCKET_SCOPES.some(s => isDeepStrictEqual(scope, s))) problems.push(`the added rule is not a whole-bucket abort only: ${JSON.stringify(scope)}`);
  return problems;
}

describeS3('--fix-lifecycle on random lifecycle configurations, against a real S3 server (Ceph RGW)', () => {
  let client: S3Client;
  let s3: SdkS3;
  const refOf = (bucket: string) => ({ name: bucket, region: server!.region });

  beforeAll(() => {
    Object.assign(process.env, server!.env);
    client = clientOf(server!);
    s3 = new SdkS3({ endpointUrl: server!.endpointUrl, region: server!.region });
  });

  // Deleted afterwards: RGW's lifecycle worker visits every bucket with rules, and
  // dozens of leftover ones slow down the tests that wait for it to abort an upload.
  const created: string[] = [];
  async function ownBucket(label: string): Promise<string> {
    const bucket = await newBucket(client, label);
    created.push(bucket);
    return bucket;
  }
  afterAll(() => inPool(created, 4, bucket => client.send(new DeleteBucketCommand({ Bucket: bucket })).then(() => undefined)));

  /** GIVEN the case's configuration put and read back (the original); the evaluator checked against the generator. */
  async function given(c: LifecycleCase, label: string): Promise<{ bucket: string; original: Held | undefined; problems: string[] }> {
    const bucket = await ownBucket(label);
    if (c.rules) await put(client, bucket, c.rules);
    const original = await held(client, bucket);
    const problems: string[] = [];
    if ((original?.Rules.length ?? 0) !== (c.rules?.length ?? 0)) {
      problems.push(`the server holds ${original?.Rules.length ?? 0} rules of the ${c.rules?.length ?? 0} put: ${JSON.stringify(original)}`);
    }
    const before = evaluateLifecycle(lifecycleFromS3Api(original?.Rules), { maxDays: c.maxDays });
    if ((before.verdict === Verdict.COMPLIANT) !== c.compliant) {
      problems.push(`the evaluator says ${before.verdict} (${before.reason}), the generator says ${c.compliant ? 'compliant' : 'not compliant'}`);
    }
    return { bucket, original, problems };
  }

  async function verdictNow(bucket: string, maxDays: number): Promise<string> {
    const report = await audit(s3, { buckets: [bucket], olderThanSeconds: 0, maxDays });
    return report.buckets[0].error ?? report.buckets[0].verdict;
  }

  test('keeps every rule the server held, adds exactly one whole-bucket abort rule where one was needed, changes nothing elsewhere (60 seeds)', async () => {
    const failures: string[] = [];
    const outcomes = { added: 0, unchanged: 0 };
    await inPool(seeds(1, 60), 4, async seed => {
      const c = randomLifecycleCase(seed);
      try {
        // GIVEN
        const { bucket, original, problems } = await given(c, `prop-${seed}`);
        // WHEN
        const [result] = await fixLifecycles(s3, [refOf(bucket)], { days: c.days, maxDays: c.maxDays, yes: true, concurrency: 2 });
        // THEN
        problems.push(...resultProblems(c, result), ...heldProblems(c, original, await held(client, bucket)));
        const verdict = await verdictNow(bucket, c.maxDays);
        if (verdict !== 'COMPLIANT') problems.push(`the verdict after the fix is ${verdict}`);
        outcomes[c.compliant ? 'unchanged' : 'added']++;
        if (problems.length > 0) failures.push(`seed ${seed} (FIX_LIFECYCLE_SEEDS=${seed}), rules put ${JSON.stringify(c.rules)}, original ${JSON.stringify(original)}:\n  ${problems.join('\n  ')}`);
      } catch (error) {
        failures.push(`seed ${seed} (FIX_LIFECYCLE_SEEDS=${seed}), rules put ${JSON.stringify(c.rules)}: ${String(error)}`);
      }
    });

    expect(failures).toEqual([]);
    // The seeds must exercise both sides of the property (not when replaying a few).
    if (!REPLAY) {
      expect(outcomes.added).toBeGreaterThanOrEqual(20);
      expect(outcomes.unchanged).toBeGreaterThanOrEqual(5);
    }
  });

  test('a rule on a prefix and two tags keeps its prefix: RGW reads it back as Filter { Prefix, And: { Tags } }', async () => {
    // GIVEN (seed 19's first rule): written back as read, RGW keeps the And and drops the Prefix
    const rule: LifecycleRule = {
      ID: 'archive-tmp',
      Status: 'Enabled',
      Expiration: { Days: 365 },
      Filter: { And: { Prefix: 'tmp/', Tags: [{ Key: 'team', Value: 'b' }, { Key: 'tmp', Value: 'yes' }] } },
    };
    const bucket = await ownBucket('prop-and');
    await put(client, bucket, [rule]);
    const original = await held(client, bucket);

    // WHEN
    const [result] = await fixLifecycles(s3, [refOf(bucket)], { days: 3, maxDays: 7, yes: true, concurrency: 1 });

    // THEN the rule still expires only tmp/ objects with both tags, not every object with them
    expect((await held(client, bucket))?.Rules).toContainEqual(original!.Rules[0]);
    expect(result).toMatchObject({ applied: true, error: null });
  });

  test('the same property through the command line: --bucket B --fix-lifecycle --yes (4 seeds)', async () => {
    // Seeds picked from the generator: no configuration at all, three rules or more, legacy rule-level Prefix rules, and a compliant bucket.
    const cases = REPLAY ? REPLAY.map(randomLifecycleCase) : [
      seeds(1000, 200).map(randomLifecycleCase).find(c => c.rules === undefined)!,
      seeds(1000, 200).map(randomLifecycleCase).find(c => !c.compliant && (c.rules?.length ?? 0) >= 3)!,
      seeds(1000, 200).map(randomLifecycleCase).find(c => !c.compliant && c.rules?.some(r => r.Prefix !== undefined))!,
      seeds(1000, 200).map(randomLifecycleCase).find(c => c.compliant && (c.rules?.length ?? 0) >= 2)!,
    ];
    const failures: string[] = [];
    for (const c of cases) {
      const { bucket, original, problems } = await given(c, `prop-cli-${c.seed}`);
      const run = runMpuAudit(['--endpoint-url', server!.endpointUrl, '--bucket', bucket, '--fix-lifecycle', '--yes',
        '--days', String(c.days), '--max-days', String(c.maxDays), '--older-than', '0s', '--format', 'json'], server!.env);
      if (run.exitCode !== 0) problems.push(`exit code ${run.exitCode}: ${run.stderr}`);
      const fixLine = c.compliant ? /every bucket read already aborts incomplete uploads in time/ : /written and read back/;
      if (!fixLine.test(run.stderr)) problems.push(`stderr does not say ${fixLine}: ${run.stderr}`);
      problems.push(...heldProblems(c, original, await held(client, bucket)));
      const verdict = await verdictNow(bucket, c.maxDays);
      if (verdict !== 'COMPLIANT') problems.push(`the verdict after the fix is ${verdict}`);
      if (problems.length > 0) failures.push(`seed ${c.seed} (FIX_LIFECYCLE_SEEDS=${c.seed}), rules put ${JSON.stringify(c.rules)}:\n  ${problems.join('\n  ')}`);
    }
    expect(failures).toEqual([]);
  });

  test('another writer between the read and the re-read: the fix refuses with a message and their configuration stays exactly as they wrote it (12 seeds)', async () => {
    const failures: string[] = [];
    await inPool(seeds(2000, 12), 4, async seed => {
      const c = randomLifecycleCase(seed);
      const next = mulberry32(seed + 1_000_000);
      // Theirs: another random configuration, or none (they deleted it), never the same as ours.
      let theirs = pick(next, [undefined, ...[1, 2, 3].map(n => randomLifecycleCase(seed * 10 + n).rules)]);
      if (isDeepStrictEqual(theirs, c.rules)) theirs = [{ ID: 'theirs', Status: 'Enabled', Filter: { Prefix: 'x/' }, Expiration: { Days: 9 } }];
      try {
        // GIVEN a writer (another client) that replaces the configuration right after the fixer's first read
        const { bucket, original, problems } = await given(c, `prop-race-${seed}`);
        const writer = clientOf(server!);
        let theirsHeld: Held | undefined;
        let reads = 0;
        const racing = Object.create(s3) as SdkS3;
        racing.getLifecycle = async ref => {
          const answer = await s3.getLifecycle(ref);
          if (++reads === 1) {
            await put(writer, bucket, theirs);
            theirsHeld = await held(writer, bucket);
          }
          return answer;
        };

        // WHEN
        const [result] = await fixLifecycles(racing, [refOf(bucket)], { days: c.days, maxDays: c.maxDays, yes: true, concurrency: 1 });

        // THEN a bucket that needed the rule is refused with the reason; a compliant one was never going to be written
        const expected = c.compliant
          ? { action: 'none', applied: false, error: null }
          : { action: 'add', applied: false, error: 'the lifecycle configuration changed after it was read (another writer?); nothing was written. Run mpu-audit again.' };
        const got = { action: result.plan.action, applied: result.applied, error: result.error };
        if (!isDeepStrictEqual(got, expected)) problems.push(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
        const after = await held(client, bucket);
        if (!isDeepStrictEqual(after, theirsHeld)) problems.push(`their configuration ${JSON.stringify(theirsHeld)} became ${JSON.stringify(after)}`);
        if (isDeepStrictEqual(theirsHeld, original)) problems.push('their configuration is the original one: the case tests nothing');
        if (problems.length > 0) failures.push(`seed ${seed} (FIX_LIFECYCLE_SEEDS=${seed}), ours ${JSON.stringify(c.rules)}, theirs ${JSON.stringify(theirs)}:\n  ${problems.join('\n  ')}`);
      } catch (error) {
        failures.push(`seed ${seed} (FIX_LIFECYCLE_SEEDS=${seed}): ${String(error)}`);
      }
    });
    expect(failures).toEqual([]);
  });
});
