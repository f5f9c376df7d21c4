import { parseArgs } from 'node:util';
import { DEFAULT_CONCURRENCY, DEFAULT_OLDER_THAN_SECONDS } from '../../audit/audit';
import { parseDuration } from '../../audit/duration';
import { REPORT_FORMATS, ReportFormat } from '../../audit/render';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_READ_TIMEOUT_MS } from '../../audit/sdk-s3';
import { REGION_NAME } from '../../facts/input-facts';
import { DEFAULT_MAX_DAYS } from '../../policy/evaluate';
import { nearestOption } from '../nearest-option';

/** Accounts and regions audited at once with --accounts-from-organization. */
export const DEFAULT_ACCOUNT_CONCURRENCY = 4;

/** The command line, checked. */
export interface CliArgs {
  readonly help: boolean;
  readonly version: boolean;
  readonly buckets: string[];
  readonly regions: string[];
  readonly prefix?: string;
  readonly olderThanSeconds: number;
  readonly maxDays: number;
  readonly format: ReportFormat;
  readonly output?: string;
  readonly force: boolean;
  readonly profile?: string;
  readonly roleArn?: string;
  readonly endpointUrl?: string;
  readonly forcePathStyle?: boolean;
  readonly concurrency: number;
  readonly maxAttempts: number;
  readonly readTimeoutSeconds: number;
  readonly priceTable?: string;
  readonly failOnBytes?: number;
  readonly failOnMissingRule: boolean;
  readonly summary: boolean;
  readonly abort: boolean;
  readonly fixLifecycle: boolean;
  readonly days: number;
  readonly yes: boolean;
  /** `--accounts-from-organization`: every active account of the organization, through a role in each. */
  readonly organization?: { readonly roleName: string; readonly accountConcurrency: number };
  /** `--render-summary FILE`: render an organization summary; no S3 call. */
  readonly renderSummary?: string;
}

/** A command line that cannot run: exit code 2, one line on stderr. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: mpu-audit [options]

Finds incomplete multipart uploads in S3 buckets, prices them, and checks that
every bucket has a lifecycle rule that aborts them. Read-only unless --abort or
--fix-lifecycle is given together with --yes.

Scope
  --bucket NAME          audit this bucket (repeatable); default: every bucket you can list
  --region REGION        only buckets in this region (repeatable)
  --prefix PREFIX        only uploads whose key starts with PREFIX
  --older-than DURATION  uploads older than this are orphans (0s, 90m, 24h, 7d; default 24h)
  --max-days N           an abort rule later than N days is MPU2 (default ${DEFAULT_MAX_DAYS})

Output
  --format FORMAT        table, json, csv or markdown (default table)
  --output FILE          write the report to FILE instead of stdout (refuses to overwrite)
  --force                let --output overwrite an existing file
  --price-table FILE     JSON of storage class to USD per GB-month, over the built-in table
  --summary              skip ListParts: counts and ages only, no parts, sizes or costs
                         (one call per 1,000 uploads instead of one per upload)

Connection
  --profile NAME         a profile from the AWS shared config files
  --role-arn ARN         assume this role for every request
  --endpoint-url URL     an S3-compatible endpoint (path-style addressing by default)
  --force-path-style     path-style addressing without --endpoint-url
  --concurrency N        requests in flight (default ${DEFAULT_CONCURRENCY})
  --max-attempts N       attempts per request, retried with backoff (default ${DEFAULT_MAX_ATTEMPTS})
  --read-timeout SECONDS cut and retry a request whose server sends nothing for this long (default ${DEFAULT_READ_TIMEOUT_MS / 1000})

CI
  --fail-on-bytes SIZE   exit 1 when orphaned bytes exceed SIZE (bytes, or 500MiB, 2GiB, 1TiB)
  --fail-on-missing-rule exit 1 when a bucket fails MPU1, MPU2 or MPU3

Clean-up (dry run unless --yes)
  --abort                abort the orphans the report lists
  --fix-lifecycle        add the whole-bucket abort rule where it is missing or late, keeping every rule
  --days N               DaysAfterInitiation of the added rule (default ${DEFAULT_MAX_DAYS})
  --yes                  really do it

Organization (from the management account or a delegated administrator)
  --accounts-from-organization
                         audit every active account of the AWS Organization, in each --region
                         (required), through the role --role-name in each account
  --role-name NAME       the audit role in each member account (OrganizationAuditMemberRole)
  --account-concurrency N
                         accounts and regions audited at once (default ${DEFAULT_ACCOUNT_CONCURRENCY})
  --render-summary FILE  print an organization summary (summary.json of an OrganizationAudit
                         run, or this mode's --format json) as a table; audits nothing

Exit codes: 0 done; 1 a --fail-on-* threshold was crossed; 2 usage error;
3 the report or a clean-up is incomplete because some buckets or uploads failed.
`;

const SIZE_UNITS: Record<string, number> = { '': 1, 'B': 1, 'KiB': 2 ** 10, 'MiB': 2 ** 20, 'GiB': 2 ** 30, 'TiB': 2 ** 40 };
/** Whole days and durations beyond this are typos: S3 is younger than a century. */
const MAX_DAYS = 36_500;
const MAX_CONCURRENCY = 1_000;
const MAX_ATTEMPTS = 100;
const MAX_READ_TIMEOUT_SECONDS = 3_600;
const MAX_ACCOUNT_CONCURRENCY = 64;
/** What --render-summary takes beside it: it renders a file and reaches no account. */
const RENDER_SUMMARY_FLAGS = new Set(['render-summary', 'format', 'output', 'force']);
/** What --accounts-from-organization refuses: a single-account scope, or a clean-up across accounts. */
const NOT_IN_ORGANIZATION_MODE: Record<string, string> = {
  'bucket': 'bucket names belong to one account; drop --bucket, or audit that account with --role-arn',
  'role-arn': 'the role is found in each account by --role-name; drop --role-arn',
  'abort': 'clean-up across an organization is not offered; run mpu-audit --role-arn ARN --abort in that account',
  'fix-lifecycle': 'clean-up across an organization is not offered; run mpu-audit --role-arn ARN --fix-lifecycle in that account',
};

const OPTIONS = {
  'help': { type: 'boolean', short: 'h' },
  'version': { type: 'boolean' },
  'bucket': { type: 'string', multiple: true },
  'region': { type: 'string', multiple: true },
  'prefix': { type: 'string' },
  'older-than': { type: 'string' },
  'max-days': { type: 'string' },
  'format': { type: 'string' },
  'output': { type: 'string' },
  'force': { type: 'boolean' },
  'profile': { type: 'string' },
  'role-arn': { type: 'string' },
  'endpoint-url': { type: 'string' },
  'force-path-style': { type: 'boolean' },
  'concurrency': { type: 'string' },
  'max-attempts': { type: 'string' },
  'read-timeout': { type: 'string' },
  'price-table': { type: 'string' },
  'fail-on-bytes': { type: 'string' },
  'fail-on-missing-rule': { type: 'boolean' },
  'summary': { type: 'boolean' },
  'abort': { type: 'boolean' },
  'fix-lifecycle': { type: 'boolean' },
  'days': { type: 'string' },
  'yes': { type: 'boolean' },
  'accounts-from-organization': { type: 'boolean' },
  'role-name': { type: 'string' },
  'account-concurrency': { type: 'string' },
  'render-summary': { type: 'string' },
} as const;

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let values;
  let tokens;
  try {
    ({ values, tokens } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      tokens: true,
      options: OPTIONS,
    }));
  } catch (error) {
    throw new UsageError(parseArgsProblem(error as Error & { code?: string }));
  }
  onlyOnce(tokens);
  const given = new Set(tokens.flatMap(token => (token.kind === 'option' && token.name !== undefined ? [token.name] : [])));
  const organization = organizationArgs(values, given);
  if (values['render-summary'] !== undefined) {
    const other = [...given].find(name => !RENDER_SUMMARY_FLAGS.has(name));
    if (other !== undefined) throw new UsageError(`--render-summary renders a file and audits nothing: drop --${other}`);
    nonEmpty('--render-summary', values['render-summary'], 'give the path of a summary.json');
    if (values.format === 'csv' || values.format === 'markdown') throw new UsageError(`--format ${values.format} is not offered with --render-summary: use table or json`);
  }

  const format = values.format ?? 'table';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got "${format}")`);
  }
  for (const name of values.bucket ?? []) bucketName(name);
  for (const region of values.region ?? []) {
    // Ceph RGW, an S3-compatible server, names its one region 'default': the CLI audits it too.
    if (region !== 'default' && !REGION_NAME.test(region)) {
      throw new UsageError(`--region must be a region name like eu-west-1 (got "${region}")`);
    }
  }
  if (values['role-arn'] !== undefined && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(values['role-arn'])) {
    throw new UsageError(`--role-arn must be an IAM role ARN like arn:aws:iam::123456789012:role/Audit (got "${values['role-arn']}")`);
  }
  if (values['endpoint-url'] !== undefined && !isHttpUrl(values['endpoint-url'])) {
    throw new UsageError(`--endpoint-url must be an http:// or https:// URL, like http://localhost:7480 (got "${values['endpoint-url']}")`);
  }
  if (values.days !== undefined && !values['fix-lifecycle']) {
    throw new UsageError('--days sets the rule --fix-lifecycle adds: give --fix-lifecycle too, or drop --days');
  }
  if (values.yes && !values.abort && !values['fix-lifecycle']) {
    throw new UsageError('--yes confirms --abort or --fix-lifecycle: give one of them, or drop --yes');
  }
  if (values.summary && values['fail-on-bytes'] !== undefined) {
    throw new UsageError('--fail-on-bytes needs the sizes that --summary skips: drop one of them');
  }
  if (values.force && values.output === undefined) {
    throw new UsageError('--force lets --output overwrite a file: give --output FILE too, or drop --force');
  }

  const maxDays = wholeNumber('--max-days', values['max-days'], DEFAULT_MAX_DAYS, 1, MAX_DAYS);
  const days = wholeNumber('--days', values.days, DEFAULT_MAX_DAYS, 1, MAX_DAYS);
  if (values.days !== undefined && days > maxDays) {
    throw new UsageError(values['max-days'] !== undefined
      ? `--days ${days} is later than --max-days ${maxDays}: the added rule would itself be too late`
      : `--days ${days} is later than the default --max-days ${DEFAULT_MAX_DAYS}: raise --max-days too, or lower --days`);
  }

  return {
    help: values.help ?? false,
    version: values.version ?? false,
    buckets: values.bucket ?? [],
    regions: values.region ?? [],
    prefix: values.prefix === undefined ? undefined : nonEmpty('--prefix', values.prefix, 'give a key prefix like logs/, or drop --prefix to audit every upload'),
    olderThanSeconds: values['older-than'] === undefined ? DEFAULT_OLDER_THAN_SECONDS : duration('--older-than', values['older-than']),
    maxDays,
    format: format as ReportFormat,
    output: values.output === undefined ? undefined : nonEmpty('--output', values.output, 'give a file name, or drop --output to print the report'),
    force: values.force ?? false,
    profile: values.profile === undefined ? undefined : nonEmpty('--profile', values.profile, 'give a profile name from aws configure list-profiles, or drop --profile'),
    roleArn: values['role-arn'],
    endpointUrl: values['endpoint-url'],
    forcePathStyle: values['force-path-style'],
    concurrency: wholeNumber('--concurrency', values.concurrency, DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY),
    maxAttempts: wholeNumber('--max-attempts', values['max-attempts'], DEFAULT_MAX_ATTEMPTS, 1, MAX_ATTEMPTS),
    readTimeoutSeconds: wholeNumber('--read-timeout', values['read-timeout'], DEFAULT_READ_TIMEOUT_MS / 1000, 1, MAX_READ_TIMEOUT_SECONDS),
    priceTable: values['price-table'] === undefined ? undefined
      : nonEmpty('--price-table', values['price-table'], 'give the path of a JSON file like {"STANDARD": 0.023}, or drop --price-table'),
    failOnBytes: values['fail-on-bytes'] === undefined ? undefined : size('--fail-on-bytes', values['fail-on-bytes']),
    failOnMissingRule: values['fail-on-missing-rule'] ?? false,
    summary: values.summary ?? false,
    abort: values.abort ?? false,
    fixLifecycle: values['fix-lifecycle'] ?? false,
    days,
    yes: values.yes ?? false,
    organization,
    renderSummary: values['render-summary'],
  };
}

function organizationArgs(
  values: { 'accounts-from-organization'?: boolean; 'role-name'?: string; 'account-concurrency'?: string; 'region'?: string[]; 'format'?: string },
  given: ReadonlySet<string>,
): CliArgs['organization'] {
  if (!values['accounts-from-organization']) {
    for (const flag of ['role-name', 'account-concurrency']) {
      if (given.has(flag)) throw new UsageError(`--${flag} belongs to --accounts-from-organization: give it too, or drop --${flag}`);
    }
    return undefined;
  }
  for (const [flag, why] of Object.entries(NOT_IN_ORGANIZATION_MODE)) {
    if (given.has(flag)) throw new UsageError(`--${flag} cannot be used with --accounts-from-organization: ${why}`);
  }
  const roleName = values['role-name'];
  if (roleName === undefined) {
    throw new UsageError('--accounts-from-organization needs --role-name NAME: the audit role each member account holds (OrganizationAuditMemberRole deploys it)');
  }
  if (!/^[\w+=,.@-]{1,64}$/.test(roleName)) {
    throw new UsageError(`--role-name must be an IAM role name: 1 to 64 letters, digits and + = , . @ _ - (got "${roleName}")`);
  }
  if ((values.region ?? []).length === 0) {
    throw new UsageError('--accounts-from-organization needs --region (repeatable): the regions to audit in every account, e.g. --region eu-west-1');
  }
  if (values.format === 'csv' || values.format === 'markdown') {
    throw new UsageError(`--format ${values.format} is not offered with --accounts-from-organization: use table or json`);
  }
  const accountConcurrency = wholeNumber('--account-concurrency', values['account-concurrency'], DEFAULT_ACCOUNT_CONCURRENCY, 1, MAX_ACCOUNT_CONCURRENCY);
  return { roleName, accountConcurrency };
}

/** `--format FORMAT`: each option's value, as --help names it. */
const VALUE_NAMES = new Map([...USAGE.matchAll(/^ {2}(--[a-z-]+) ([A-Z]+)\b/gm)].map(match => [match[1], match[2]]));

/** node:util's parse errors, in one line that names the flag and the fix. */
function parseArgsProblem(error: Error & { code?: string }): string {
  const message = error.message;
  const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(message);
  if (ambiguous) {
    return `${ambiguous[1]} needs a value; write a value that starts with a dash as ${ambiguous[1]}=VALUE`;
  }
  const missing = /^Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(message);
  if (missing) {
    return `${missing[1]} needs a value: ${missing[1]} ${VALUE_NAMES.get(missing[1]) ?? 'VALUE'} (see mpu-audit --help)`;
  }
  const flagWithValue = /^Option '(?:-\w, )?(--[\w-]+)' does not take an argument/.exec(message);
  if (flagWithValue) {
    return `${flagWithValue[1]} takes no value: write ${flagWithValue[1]} alone`;
  }
  const unknown = /^Unknown option '(-[^']*)'/.exec(message);
  if (unknown) {
    const near = nearestOption(unknown[1], Object.keys(OPTIONS));
    return `Unknown option '${unknown[1]}': ${near ? `did you mean ${near}? ` : ''}see mpu-audit --help for the options`;
  }
  const positional = /^Unexpected argument '([^']*)'/.exec(message);
  if (positional) {
    return `unexpected argument "${positional[1]}": mpu-audit takes options only; to audit a bucket, write --bucket ${positional[1]}`;
  }
  return `${message.split('\n')[0].replace(/\.$/, '')}. See mpu-audit --help.`;
}

/** An option given twice that keeps one value: the last would win silently. */
function onlyOnce(tokens: ReadonlyArray<{ kind: string; name?: string; value?: string }>): void {
  const seen = new Map<string, string | undefined>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    const option = OPTIONS[token.name as keyof typeof OPTIONS];
    if (option.type !== 'string' || 'multiple' in option) continue;
    if (seen.has(token.name)) {
      throw new UsageError(`--${token.name} was given twice ("${seen.get(token.name)}", then "${token.value}"): give it once`);
    }
    seen.set(token.name, token.value);
  }
}

function duration(flag: string, text: string): number {
  let seconds: number;
  try {
    seconds = parseDuration(flag, text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (seconds > MAX_DAYS * 86400) {
    throw new UsageError(`${flag} must be at most ${MAX_DAYS}d, like 90m, 24h or 7d (got "${text}")`);
  }
  return seconds;
}

function wholeNumber(flag: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min) {
    throw new UsageError(`${flag} must be a whole number >= ${min} (got "${text}")`);
  }
  if (Number(text) > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${text}")`);
  }
  return Number(text);
}

function size(flag: string, text: string): number {
  const match = /^(\d+)\s*(B|KiB|MiB|GiB|TiB)?$/.exec(text);
  if (!match) {
    const decimal = /^(\d+)\s*([KMGT])B$/i.exec(text);
    const hint = decimal ? `; sizes are binary here, so write ${decimal[1]}${decimal[2].toUpperCase()}iB` : '';
    throw new UsageError(`${flag} must be a number of bytes, optionally with B, KiB, MiB, GiB or TiB, like 500MiB (got "${text}"${hint})`);
  }
  const bytes = Number(match[1]) * SIZE_UNITS[match[2] ?? ''];
  if (!Number.isSafeInteger(bytes)) {
    throw new UsageError(`${flag} must be at most ${Number.MAX_SAFE_INTEGER} bytes, about 8 PiB (got "${text}")`);
  }
  return bytes;
}

function nonEmpty(flag: string, text: string, fix: string): string {
  if (text.trim() === '') {
    throw new UsageError(`${flag} must not be empty: ${fix}`);
  }
  return text;
}

/** A bare bucket name: S3 names have no slashes, so `s3://b` and `b/prefix` are typos. */
function bucketName(text: string): string {
  nonEmpty('--bucket', text, 'give a bucket name, or drop --bucket to audit every bucket you can list');
  const bare = /^(?:s3:\/\/)?([^/]+)\/?(.*)$/.exec(text);
  if (text.includes('/')) {
    const fix = bare ? `--bucket ${bare[1]}${bare[2] ? ` --prefix ${bare[2]}` : ''}` : 'the bare bucket name';
    throw new UsageError(`--bucket takes a bucket name, not a path or URL: write ${fix} (got "${text}")`);
  }
  return text;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
