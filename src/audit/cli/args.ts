import { parseArgs } from 'node:util';
import { DEFAULT_MAX_DAYS } from '../../policy/evaluate';
import { DEFAULT_CONCURRENCY, DEFAULT_OLDER_THAN_SECONDS } from '../audit';
import { parseDuration } from '../duration';
import { REPORT_FORMATS, ReportFormat } from '../render';
import { DEFAULT_MAX_ATTEMPTS } from '../sdk-s3';

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
  readonly priceTable?: string;
  readonly failOnBytes?: number;
  readonly failOnMissingRule: boolean;
  readonly summary: boolean;
  readonly abort: boolean;
  readonly fixLifecycle: boolean;
  readonly days: number;
  readonly yes: boolean;
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
  --max-attempts N       attempts per request, adaptive retry (default ${DEFAULT_MAX_ATTEMPTS})

CI
  --fail-on-bytes SIZE   exit 1 when orphaned bytes exceed SIZE (bytes, or 500MiB, 2GiB, 1TiB)
  --fail-on-missing-rule exit 1 when a bucket fails MPU1, MPU2 or MPU3

Clean-up (dry run unless --yes)
  --abort                abort the orphans the report lists
  --fix-lifecycle        add the whole-bucket abort rule where it is missing or late, keeping every rule
  --days N               DaysAfterInitiation of the added rule (default ${DEFAULT_MAX_DAYS})
  --yes                  really do it

Exit codes: 0 done; 1 a --fail-on-* threshold was crossed; 2 usage error;
3 the report or a clean-up is incomplete because some buckets or uploads failed.
`;

const SIZE_UNITS: Record<string, number> = { '': 1, 'B': 1, 'KiB': 2 ** 10, 'MiB': 2 ** 20, 'GiB': 2 ** 30, 'TiB': 2 ** 40 };

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
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
        'price-table': { type: 'string' },
        'fail-on-bytes': { type: 'string' },
        'fail-on-missing-rule': { type: 'boolean' },
        'summary': { type: 'boolean' },
        'abort': { type: 'boolean' },
        'fix-lifecycle': { type: 'boolean' },
        'days': { type: 'string' },
        'yes': { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError(parseArgsProblem((error as Error).message));
  }

  const format = values.format ?? 'table';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got "${format}")`);
  }
  for (const name of values.bucket ?? []) nonEmpty('--bucket', name);
  for (const region of values.region ?? []) {
    if (!/^[a-z]{2}(-[a-z0-9]+)+-\d+$|^default$/.test(region)) {
      throw new UsageError(`--region must be a region name like eu-west-1 (got "${region}")`);
    }
  }
  if (values['role-arn'] !== undefined && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(values['role-arn'])) {
    throw new UsageError(`--role-arn must be an IAM role ARN like arn:aws:iam::123456789012:role/Audit (got "${values['role-arn']}")`);
  }
  if (values['endpoint-url'] !== undefined && !isHttpUrl(values['endpoint-url'])) {
    throw new UsageError(`--endpoint-url must be an http:// or https:// URL (got "${values['endpoint-url']}")`);
  }
  if (values.days !== undefined && !values['fix-lifecycle']) {
    throw new UsageError('--days sets the rule --fix-lifecycle adds: give --fix-lifecycle too, or drop --days');
  }
  if (values.yes && !values.abort && !values['fix-lifecycle']) {
    throw new UsageError('--yes confirms --abort or --fix-lifecycle: give one of them, or drop --yes');
  }
  if (values.days !== undefined && values['max-days'] !== undefined && Number(values.days) > Number(values['max-days'])) {
    throw new UsageError(`--days ${values.days} is later than --max-days ${values['max-days']}: the added rule would itself be too late`);
  }
  if (values.days !== undefined && values['max-days'] === undefined && Number(values.days) > DEFAULT_MAX_DAYS) {
    throw new UsageError(`--days ${values.days} is later than the default --max-days ${DEFAULT_MAX_DAYS}: raise --max-days too, or lower --days`);
  }
  if (values.summary && values['fail-on-bytes'] !== undefined) {
    throw new UsageError('--fail-on-bytes needs the sizes that --summary skips: drop one of them');
  }
  if (values.force && values.output === undefined) {
    throw new UsageError('--force lets --output overwrite a file: give --output FILE too, or drop --force');
  }

  return {
    help: values.help ?? false,
    version: values.version ?? false,
    buckets: values.bucket ?? [],
    regions: values.region ?? [],
    prefix: values.prefix,
    olderThanSeconds: values['older-than'] === undefined ? DEFAULT_OLDER_THAN_SECONDS : duration('--older-than', values['older-than']),
    maxDays: wholeNumber('--max-days', values['max-days'], DEFAULT_MAX_DAYS, 1),
    format: format as ReportFormat,
    output: values.output === undefined ? undefined : nonEmpty('--output', values.output),
    force: values.force ?? false,
    profile: values.profile === undefined ? undefined : nonEmpty('--profile', values.profile),
    roleArn: values['role-arn'],
    endpointUrl: values['endpoint-url'],
    forcePathStyle: values['force-path-style'],
    concurrency: wholeNumber('--concurrency', values.concurrency, DEFAULT_CONCURRENCY, 1),
    maxAttempts: wholeNumber('--max-attempts', values['max-attempts'], DEFAULT_MAX_ATTEMPTS, 1),
    priceTable: values['price-table'] === undefined ? undefined : nonEmpty('--price-table', values['price-table']),
    failOnBytes: values['fail-on-bytes'] === undefined ? undefined : size('--fail-on-bytes', values['fail-on-bytes']),
    failOnMissingRule: values['fail-on-missing-rule'] ?? false,
    summary: values.summary ?? false,
    abort: values.abort ?? false,
    fixLifecycle: values['fix-lifecycle'] ?? false,
    days: wholeNumber('--days', values.days, DEFAULT_MAX_DAYS, 1),
    yes: values.yes ?? false,
  };
}

/** node:util's parse errors, in one line that names the flag. */
function parseArgsProblem(message: string): string {
  const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(message);
  if (ambiguous) {
    return `${ambiguous[1]} needs a value; write a value that starts with a dash as ${ambiguous[1]}=VALUE`;
  }
  return `${message.split('\n')[0].replace(/\.$/, '')}. See mpu-audit --help.`;
}

function duration(flag: string, text: string): number {
  try {
    return parseDuration(flag, text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function wholeNumber(flag: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`${flag} must be a whole number >= ${min} (got "${text}")`);
  }
  return Number(text);
}

function size(flag: string, text: string): number {
  const match = /^(\d+)\s*(B|KiB|MiB|GiB|TiB)?$/.exec(text);
  if (!match) {
    throw new UsageError(`${flag} must be a number of bytes, optionally with B, KiB, MiB, GiB or TiB, like 500MiB (got "${text}")`);
  }
  return Number(match[1]) * SIZE_UNITS[match[2] ?? ''];
}

function nonEmpty(flag: string, text: string): string {
  if (text.trim() === '') {
    throw new UsageError(`${flag} must not be empty`);
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
