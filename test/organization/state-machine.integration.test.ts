import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { OrganizationAudit } from '../../src';
import { ORGANIZATION_SETTINGS_VARIABLE } from '../../src/organization/runtime/organization-settings';
import { FrontDoor, startFrontDoor } from '../_helpers/aws-front-door';
import { createRgwUser, removeRgwUser, RgwUser } from '../_helpers/rgw-users';
import { clientOf, localS3Server, newBucket, removeBucket } from '../_helpers/s3-test-server';
import { seedUpload } from '../_helpers/seed';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const aslValidator = require('asl-validator') as (definition: unknown) => { isValid: boolean; errorsText: (separator?: string) => string };
/** aws-local-stepfunctions declares its types as an ES module only; Jest loads its CommonJS build. */
interface LocalExecution {
  readonly result: Promise<any>;
  readonly eventLogs: AsyncIterable<any>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { StateMachine } = require('aws-local-stepfunctions') as { StateMachine: new (definition: unknown, options: object) => { run(input: unknown, options: object): LocalExecution } };

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;

const ACCOUNT = '999999999999';
const REGIONS = ['us-east-1', 'eu-west-1'];
const [A, B, C, NO_ROLE] = ['111111111111', '222222222222', '333333333333', '444444444444'];
const MAP = 'Audit each account and region';
const WORKER = 'Audit one account and region';
const ASSETS = join(__dirname, '..', '..', 'assets', 'organization');
/** ListMultipartUploads answers 1,000 uploads a page: one more makes a second page, the one that fails. */
const FIRST_PAGE = 1000;

type Json = any;

/** The template's value with its references resolved as CloudFormation would in ACCOUNT, us-east-1. */
function resolve(value: Json, refs: Record<string, string>): Json {
  if (Array.isArray(value)) return value.map(v => resolve(v, refs));
  if (value === null || typeof value !== 'object') return value;
  if ('Ref' in value) return refs[value.Ref] ?? fail(`no value for Ref ${value.Ref}`);
  if ('Fn::GetAtt' in value) {
    const [id, attribute] = value['Fn::GetAtt'];
    if (attribute !== 'Arn') fail(`no value for ${id}.${attribute}`);
    return `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${id}`;
  }
  if ('Fn::Join' in value) return (resolve(value['Fn::Join'][1], refs) as string[]).join(value['Fn::Join'][0]);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, refs)]));
}

function fail(message: string): never {
  throw new Error(message);
}

/** OrganizationAudit as a user deploys it, and its definition and settings with the report bucket named `reportBucket`. */
function synthesized(reportBucket: string) {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'us-east-1' } });
  // Uploads seeded a moment ago are orphans only with olderThan 0.
  new OrganizationAudit(stack, 'Org', { regions: REGIONS, olderThan: Duration.seconds(0) });
  const template = Template.fromStack(stack);
  const [bucketId] = Object.keys(template.findResources('AWS::S3::Bucket'));
  const refs = { [bucketId]: reportBucket, 'AWS::Partition': 'aws', 'AWS::Region': 'us-east-1', 'AWS::AccountId': ACCOUNT, 'AWS::URLSuffix': 'amazonaws.com' };
  const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  const functions = template.findResources('AWS::Lambda::Function');
  const handlerOf = (id: string) => functions[id].Properties.Description as string;
  const settings = resolve(Object.values(functions)[0].Properties.Environment.Variables[ORGANIZATION_SETTINGS_VARIABLE], refs) as string;
  return { definition: JSON.parse(resolve(machine.Properties.DefinitionString, refs)), settings, handlerOf };
}

/** The bundle a task runs (assets/organization/<name>.lambda/index.js), from the function its Resource names. */
function bundleOf(resource: string, handlerOf: (id: string) => string): (event: Json, context: Json) => Promise<Json> {
  const id = resource.split(':function:')[1];
  const name = /src\/organization\/(.+)\.lambda\.ts$/.exec(handlerOf(id))?.[1] ?? fail(`${id} is not an organization function`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(ASSETS, `${name}.lambda`, 'index.js')).handler;
}

async function text(client: S3Client, bucket: string, key: string): Promise<string> {
  return (await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();
}

describe('OrganizationAudit\'s state machine definition, as synthesized', () => {
  test('the definition is valid ASL', () => {
    const { definition } = synthesized('org-reports');
    const validation = aslValidator(definition);
    expect(validation.errorsText()).toBe('');
    expect(validation.isValid).toBe(true);
  });

  test('the Distributed Map\'s own fields, which the interpreter ignores: the reader, concurrency, tolerated failures, results', () => {
    const { definition } = synthesized('org-reports');
    const map = definition.States[MAP];
    expect(map.ItemReader).toEqual({
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'JSON' },
      Parameters: { 'Bucket': 'org-reports', 'Key.$': '$.targetsKey' },
    });
    expect(map.MaxConcurrency).toBe(10);
    expect(map.ToleratedFailurePercentage).toBe(100);
    expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
    // Written to S3, not returned: one array of every worker's summary fails a run past 256 KiB
    expect(map.ResultWriter).toEqual({ Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'org-reports', Prefix: 'runs/map-results' } });
    expect(map.ResultPath).toBeNull();
  });
});

describeS3('OrganizationAudit\'s state machine executed: the synthesized definition, the bundled functions, the local S3 server', () => {
  const users: Record<string, RgwUser> = {};
  const created: Array<[S3Client, string]> = [];
  const savedEnv = { ...process.env };
  let front: FrontDoor;
  let reports: S3Client;
  let reportBucket: string;
  let faulty: string;
  const exact: Record<string, Record<string, number>> = {};

  beforeAll(async () => {
    reports = clientOf(server!);
    reportBucket = await newBucket(reports, 'sfn-reports');
    created.push([reports, reportBucket]);
    const regions: Record<string, string> = {};
    const bucketOf = async (account: string, label: string, region: string) => {
      const client = new S3Client({
        endpoint: server!.endpointUrl,
        region: server!.region,
        forcePathStyle: true,
        credentials: { accessKeyId: users[account].accessKeyId, secretAccessKey: users[account].secretAccessKey },
      });
      const name = await newBucket(client, label);
      created.push([client, name]);
      regions[name] = region;
      return { client, name };
    };
    for (const account of [A, B, C]) users[account] = createRgwUser(`sfn-${account.slice(0, 3)}`);
    const seed = async (account: string, label: string, region: string, uploads: number[][]) => {
      const { client, name } = await bucketOf(account, label, region);
      for (const [i, sizes] of uploads.entries()) await seedUpload(client, name, `k/${i}`, sizes);
      (exact[account] ??= {})[region] = (exact[account]?.[region] ?? 0) + uploads.flat().reduce((a, b) => a + b, 0);
      return { client, name };
    };
    await seed(A, 'sfn-a1', 'us-east-1', [[5_242_880, 1], [777]]);
    await seed(A, 'sfn-a2', 'eu-west-1', [[4_096]]);
    await seed(B, 'sfn-b1', 'us-east-1', [[1_234, 10]]);
    // The partial bucket: its first page of uploads is read, the second fails.
    const partial = await bucketOf(B, 'sfn-b2', 'eu-west-1');
    faulty = partial.name;
    await Promise.all(Array.from({ length: FIRST_PAGE + 1 }, (_, i) => seedUpload(partial.client, faulty, `p/${String(i).padStart(4, '0')}`, [])));
    await seed(C, 'sfn-c1', 'eu-west-1', [[2_048], [3, 5]]);

    front = await startFrontDoor(server!.endpointUrl, {
      accounts: [{ id: A, name: 'alpha' }, { id: B, name: 'beta' }, { id: C, name: 'gamma' }, { id: NO_ROLE, name: 'sandbox' }],
      // The member role exists in A, B and C; the sandbox account never deployed it.
      assumeRole: roleArn => users[/^arn:aws:iam::(\d{12}):role\/mpu-guard-audit$/.exec(roleArn)?.[1] ?? ''],
      bucketRegions: regions,
      fails: (method, url) => method === 'GET' && url.pathname.replace(/\/$/, '') === `/${faulty}` && url.searchParams.has('uploads') && !!url.searchParams.get('key-marker'),
    });
  }, 120_000);

  afterAll(async () => {
    process.env = savedEnv;
    await front?.close();
    for (const [client, name] of created) await removeBucket(client, name);
    for (const user of Object.values(users)) removeRgwUser(user);
  }, 120_000);

  test('4 accounts x 2 regions, a role that cannot be assumed, a bucket whose listing fails part-way: the run succeeds and its summary says so', async () => {
    // GIVEN the definition as deployed, each task on its bundle, the bundles on the SDK's endpoints (the front door)
    const { definition, settings, handlerOf } = synthesized(reportBucket);
    process.env = {
      ...savedEnv,
      [ORGANIZATION_SETTINGS_VARIABLE]: settings,
      AWS_REGION: 'us-east-1',
      // The functions' own role: the first user, which owns the report bucket.
      AWS_ACCESS_KEY_ID: server!.accessKeyId,
      AWS_SECRET_ACCESS_KEY: server!.secretAccessKey,
      AWS_ENDPOINT_URL_S3: front.url,
      AWS_ENDPOINT_URL_STS: front.url,
      AWS_ENDPOINT_URL_ORGANIZATIONS: front.url,
    };
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    const runId = 'run-faults';
    // The interpreter copies the context object's top level only: the list step fills in this array, the Map reads it.
    const itemReaderItems: Json[] = [];
    const context = { Execution: { Name: runId }, ItemReader: { Items: itemReaderItems } };
    const lambdaContext = { getRemainingTimeInMillis: () => 900_000 };
    const list = definition.States['List accounts x regions'];
    const summarize = definition.States['Summarize the run'];
    const map = definition.States[MAP];
    const worker = map.ItemProcessor.States[WORKER];
    // The interpreter does not run a Distributed Map's ItemReader (nor ResultWriter, nor tolerated failures):
    // the Map is fed, through the context object, the items its S3JsonItemReader reads, i.e. the targets
    // object the list step wrote, read from the local server. The fields themselves are asserted above.
    const executable = structuredClone(definition);
    const executableMap = executable.States[MAP];
    delete executableMap.ItemReader;
    executableMap.ItemsPath = '$$.ItemReader.Items';
    const listBundle = bundleOf(list.Resource, handlerOf);
    let throttled = false;
    const handlers = {
      'List accounts x regions': async (input: Json) => {
        const output = await listBundle(input, lambdaContext);
        itemReaderItems.push(...JSON.parse(await text(reports, map.ItemReader.Parameters.Bucket, output.targetsKey)));
        return output;
      },
      [WORKER]: async (input: Json) => {
        // Lambda throttles the first invocation for one target: the Retry of the definition must invoke it again.
        if (input.target.accountId === C && input.target.region === 'eu-west-1' && !throttled) {
          throttled = true;
          throw Object.assign(new Error('Rate Exceeded.'), { name: 'Lambda.TooManyRequestsException' });
        }
        return bundleOf(worker.Resource, handlerOf)(input, lambdaContext);
      },
      'Summarize the run': (input: Json) => bundleOf(summarize.Resource, handlerOf)(input, lambdaContext),
    };

    // WHEN
    const execution = new StateMachine(executable, { validationOptions: { checkPaths: false } }).run({}, {
      context, overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: { [WORKER]: 0 } },
    });
    const events: any[] = [];
    const logged = (async () => {
      for await (const event of execution.eventLogs) events.push(event);
    })();
    const output = await execution.result;
    await logged;
    const history = events.map(e => ({
      type: e.type,
      ...('state' in e ? { state: e.state.name as string, index: e.index, input: e.state.input, output: e.state.output } : {}),
      ...('parentState' in e ? { map: e.parentState.name, index: e.index } : {}),
      ...('output' in e ? { output: e.output } : {}),
      ...('Error' in e ? { error: e.Error, cause: e.Cause } : {}),
    }));
    if (process.env.MPU_GUARD_SFN_HISTORY) writeFileSync(process.env.MPU_GUARD_SFN_HISTORY, `${JSON.stringify(history, null, 2)}\n`);

    // THEN the execution went list -> map (8 iterations) -> summarize and succeeded
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    const entered = history.filter(h => h.type === 'StateEntered');
    expect(entered.filter(h => h.index === undefined).map(h => h.state)).toEqual(['List accounts x regions', MAP, 'Summarize the run']);
    expect(entered.filter(h => h.state === WORKER)).toHaveLength(8);
    expect(history.filter(h => h.type === 'StateRetried').map(h => [h.state, (h.input as Json).target.accountId, (h.input as Json).target.region])).toEqual([[WORKER, C, 'eu-west-1']]);
    const targets = [A, B, C, NO_ROLE].flatMap(accountId => REGIONS.map(region => ({ accountId, region })));
    expect(entered.filter(h => h.state === WORKER).map(h => h.input).sort((x: Json, y: Json) => x.target.accountId.localeCompare(y.target.accountId)
      || REGIONS.indexOf(x.target.region) - REGIONS.indexOf(y.target.region))).toEqual(
      targets.map(t => ({ runId, target: expect.objectContaining(t) })));
    const exited = (state: string) => history.find(h => h.type === 'StateExited' && h.state === state && h.index === undefined)!.output;
    expect(exited('List accounts x regions')).toEqual({ runId, targetsKey: `runs/${runId}/targets.json`, count: 8 });
    // The Map's results are discarded: the summary step gets the list step's output, and its runId
    expect(exited(MAP)).toEqual(exited('List accounts x regions'));

    const summary = JSON.parse(await text(reports, reportBucket, `runs/${runId}/summary.json`));
    expect(output).toEqual({ summaryKey: `runs/${runId}/summary.json`, reportKey: `runs/${runId}/report.jsonl`, totals: summary.totals });
    const results: Record<string, Json> = Object.fromEntries(summary.results.map((r: Json) => [`${r.accountId} ${r.region}`, r]));
    // The account whose role cannot be assumed: both its regions failed, nothing of it counted
    for (const region of REGIONS) {
      expect(results[`${NO_ROLE} ${region}`]).toMatchObject({ accountName: 'sandbox', buckets: 0, bytes: 0, error: expect.stringMatching(/AccessDenied|not authorized/) });
    }
    // The partial bucket: counted as failed, its bytes left out of its account's
    expect(results[`${B} eu-west-1`]).toMatchObject({ buckets: 1, failedBuckets: 1, error: null });
    const lines = (await text(reports, reportBucket, `runs/${runId}/report.jsonl`)).trimEnd().split('\n').map(l => JSON.parse(l));
    expect(lines.filter(l => l.name === faulty)).toEqual([expect.objectContaining({ accountId: B, error: expect.stringMatching(/InternalError|injected/) })]);
    // Every other account and region: its orphaned bytes exactly
    for (const [account, byRegion] of Object.entries(exact)) {
      for (const region of REGIONS.filter(r => `${account} ${r}` !== `${B} eu-west-1`)) {
        expect([account, region, results[`${account} ${region}`]]).toEqual([account, region, expect.objectContaining({ error: null, failedBuckets: 0, bytes: byRegion[region] ?? 0 })]);
      }
    }
    expect(summary.totals).toMatchObject({
      accounts: 4,
      failedTargets: 2,
      failedBuckets: 1,
      buckets: 5,
      bytes: Object.values(exact).flatMap(Object.values).reduce((a: number, b: number) => a + b, 0),
    });
    expect(front.seen.filter(s => s.startsWith('sts '))).toHaveLength(8);
  }, 300_000);
});
