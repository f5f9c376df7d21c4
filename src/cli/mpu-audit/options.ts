import { managedTag } from './managed-tag-option';
import { DEFAULT_CONCURRENCY, DEFAULT_OLDER_THAN_SECONDS } from '../../audit/audit';
import { formatDuration } from '../../audit/duration';
import { REPORT_FORMATS, ReportFormat } from '../../audit/render';
import { MAX_PLAUSIBLE_DAYS } from '../../facts/input-facts';
import { DEFAULT_MAX_DAYS } from '../../policy/evaluate';
import { DEFAULT_MAX_ATTEMPTS } from '../../s3/sdk-s3';
import { bucketName, keepInitiator, regionName, roleName } from '../options/aws-name-parsers';
import { connectionOptions } from '../options/connection-options';
import { HELP_OPTIONS } from '../options/help-options';
import { defineOptions, ParsedOptions } from '../options/option-table';
import { reportTargetOptions } from '../options/report-target-options';
import { duration, nonEmpty, oneOf, size, wholeNumber } from '../options/value-parsers';

/** Accounts and regions audited at once with --accounts-from-organization. */
const DEFAULT_ACCOUNT_CONCURRENCY = 4;

const SCOPE = 'Scope';
const OUTPUT = 'Output';
const CONNECTION = 'Connection';
const CI = 'CI';
const CLEAN_UP = 'Clean-up (dry run unless --yes)';
const ORGANIZATION = 'Organization (from the management account or a delegated administrator)';
const CROSS_ACCOUNT_CLEAN_UP = 'clean-up across an organization is not offered';

/** Every option of mpu-audit, in the order of --help. */
export const MPU_AUDIT_OPTIONS = defineOptions({
  ...HELP_OPTIONS,
  'bucket': {
    kind: 'repeatable',
    valueName: 'NAME',
    parse: bucketName({ ifEmpty: 'give a bucket name, or drop --bucket to audit every bucket you can list', prefixOption: '--prefix' }),
    help: { section: SCOPE, lines: ['audit this bucket (repeatable); default: every bucket you can list'] },
  },
  'region': { kind: 'repeatable', valueName: 'REGION', parse: regionName, help: { section: SCOPE, lines: ['only buckets in this region (repeatable)'] } },
  'prefix': {
    kind: 'string',
    valueName: 'PREFIX',
    parse: nonEmpty('give a key prefix like logs/, or drop --prefix to audit every upload'),
    help: { section: SCOPE, lines: ['only uploads whose key starts with PREFIX'] },
  },
  'exclude-prefix': {
    kind: 'repeatable',
    valueName: 'PREFIX',
    parse: nonEmpty('give the key prefix of the uploads to keep, like resumable/, or drop --exclude-prefix'),
    help: { section: SCOPE, lines: ['keep uploads whose key starts with PREFIX (repeatable): reported as kept,', 'never aborted'] },
  },
  'keep-initiator': {
    kind: 'repeatable',
    valueName: 'ID',
    parse: keepInitiator,
    help: {
      section: SCOPE,
      lines: [
        'keep uploads whose Initiator or Owner ID is ID (repeatable): an IAM user ARN,',
        'an assumed-role ARN, or a role ARN arn:aws:iam::ACCOUNT:role/ROLE, which keeps',
        'every session of the role; on S3-compatible servers the user id',
      ],
    },
  },
  'older-than': {
    kind: 'string',
    valueName: 'DURATION',
    parse: duration(MAX_PLAUSIBLE_DAYS),
    default: DEFAULT_OLDER_THAN_SECONDS,
    help: { section: SCOPE, lines: [`uploads older than this are orphans (0s, 90m, 24h, 7d; default ${formatDuration(DEFAULT_OLDER_THAN_SECONDS)})`] },
  },
  'max-days': {
    kind: 'string',
    valueName: 'N',
    parse: wholeNumber(1, MAX_PLAUSIBLE_DAYS),
    default: DEFAULT_MAX_DAYS,
    help: { section: SCOPE, lines: ['an abort rule later than N days is MPU2'], showDefault: true },
  },
  'format': {
    kind: 'string',
    valueName: 'FORMAT',
    parse: oneOf(REPORT_FORMATS),
    default: 'table' as ReportFormat,
    help: { section: OUTPUT, lines: ['table, json, csv or markdown'], showDefault: true },
  },
  ...reportTargetOptions(OUTPUT),
  'price-table': {
    kind: 'string',
    valueName: 'FILE',
    parse: nonEmpty('give the path of a JSON file like {"STANDARD": 0.023}, or drop --price-table'),
    help: { section: OUTPUT, lines: ['JSON of storage class to USD per GB-month, over the built-in table'] },
  },
  'summary': {
    kind: 'flag',
    help: { section: OUTPUT, lines: ['skip ListParts: counts and ages only, no parts, sizes or costs', '(one call per 1,000 uploads instead of one per upload)'] },
  },
  ...connectionOptions(CONNECTION, DEFAULT_MAX_ATTEMPTS),
  'concurrency': {
    kind: 'string',
    valueName: 'N',
    parse: wholeNumber(1, 1_000),
    default: DEFAULT_CONCURRENCY,
    help: { section: CONNECTION, lines: ['requests in flight'], showDefault: true },
  },
  'fail-on-bytes': {
    kind: 'string',
    valueName: 'SIZE',
    parse: size,
    conflictsWith: { option: 'summary', why: 'needs the sizes that --summary skips' },
    help: { section: CI, lines: ['exit 1 when orphaned bytes exceed SIZE (bytes, or 500MiB, 2GiB, 1TiB)'] },
  },
  'fail-on-missing-rule': { kind: 'flag', help: { section: CI, lines: ['exit 1 when a bucket fails MPU1, MPU2 or MPU3'] } },
  'abort': { kind: 'flag', help: { section: CLEAN_UP, lines: ['abort the orphans the report lists'] } },
  'from-report': {
    kind: 'string',
    valueName: 'FILE',
    parse: nonEmpty('give the path of a report written by mpu-audit --format json --output FILE'),
    mode: {
      requires: { abort: 'it aborts the orphans of the reviewed report' },
      allowsOnly: {
        options: [
          'abort', 'yes', 'bucket', 'region', 'prefix', 'older-than', 'exclude-prefix', 'keep-initiator',
          'profile', 'role-arn', 'endpoint-url', 'force-path-style', 'concurrency', 'max-attempts', 'read-timeout',
        ],
        why: 'aborts the orphans of a reviewed report and audits nothing',
      },
    },
    help: {
      section: CLEAN_UP,
      lines: [
        'with --abort: abort exactly the orphans of this JSON report, each checked',
        'again first; the --older-than and scope the report was made with apply',
      ],
    },
  },
  'fix-lifecycle': {
    kind: 'flag',
    help: { section: CLEAN_UP, lines: ['add the whole-bucket abort rule where it is missing or late, keeping every rule'] },
  },
  'days': {
    kind: 'string',
    valueName: 'N',
    parse: wholeNumber(1, MAX_PLAUSIBLE_DAYS),
    default: DEFAULT_MAX_DAYS,
    needs: { anyOf: ['fix-lifecycle'], why: 'sets the rule --fix-lifecycle adds' },
    help: { section: CLEAN_UP, lines: ['DaysAfterInitiation of the added rule'], showDefault: true },
  },
  'managed-tag': {
    kind: 'repeatable',
    valueName: 'KEY[=VALUE]',
    parse: managedTag,
    help: {
      section: CLEAN_UP,
      lines: [
        'treat a bucket with this tag (any value, or exactly VALUE) as managed, as one with',
        'aws:cloudformation:stack-name is (repeatable); --fix-lifecycle leaves managed buckets',
        'to their source and prints the change to make there',
      ],
    },
  },
  'fix-managed': {
    kind: 'flag',
    needs: { anyOf: ['fix-lifecycle'], why: 'lets --fix-lifecycle write to managed buckets' },
    help: { section: CLEAN_UP, lines: ['--fix-lifecycle writes to managed buckets too, with a warning: their next', 'stack update or tool run reverts it'] },
  },
  'yes': {
    kind: 'flag',
    needs: { anyOf: ['abort', 'fix-lifecycle'], why: 'confirms --abort or --fix-lifecycle' },
    help: { section: CLEAN_UP, lines: ['really do it'] },
  },
  'accounts-from-organization': {
    kind: 'flag',
    mode: {
      // A single-account scope, or a clean-up across accounts.
      refuses: {
        'bucket': 'bucket names belong to one account; drop --bucket, or audit that account with --role-arn',
        'role-arn': 'the role is found in each account by --role-name; drop --role-arn',
        'abort': `${CROSS_ACCOUNT_CLEAN_UP}; run mpu-audit --role-arn ARN --abort in that account`,
        'fix-lifecycle': `${CROSS_ACCOUNT_CLEAN_UP}; run mpu-audit --role-arn ARN --fix-lifecycle in that account`,
        'exclude-prefix': `it keeps uploads out of --abort, and ${CROSS_ACCOUNT_CLEAN_UP}; drop --exclude-prefix`,
        'keep-initiator': `it keeps uploads out of --abort, and ${CROSS_ACCOUNT_CLEAN_UP}; drop --keep-initiator`,
      },
      requires: {
        'role-name': 'the audit role each member account holds (OrganizationAuditMemberRole deploys it)',
        'region': 'the regions to audit in every account, e.g. --region eu-west-1',
      },
      offers: { format: ['table', 'json'] },
    },
    help: {
      section: ORGANIZATION,
      lines: ['audit every active account of the AWS Organization, in each --region', '(required), through the role --role-name in each account'],
    },
  },
  'role-name': {
    kind: 'string',
    valueName: 'NAME',
    parse: roleName,
    belongsTo: 'accounts-from-organization',
    help: { section: ORGANIZATION, lines: ['the audit role in each member account (OrganizationAuditMemberRole)'] },
  },
  'account-concurrency': {
    kind: 'string',
    valueName: 'N',
    parse: wholeNumber(1, 64),
    default: DEFAULT_ACCOUNT_CONCURRENCY,
    belongsTo: 'accounts-from-organization',
    help: { section: ORGANIZATION, lines: ['accounts and regions audited at once'], showDefault: true },
  },
  'render-summary': {
    kind: 'string',
    valueName: 'FILE',
    parse: nonEmpty('give the path of a summary.json'),
    mode: { allowsOnly: { options: ['format', 'output', 'force'], why: 'renders a file and audits nothing' }, offers: { format: ['table', 'json'] } },
    help: {
      section: ORGANIZATION,
      lines: ['print an organization summary (summary.json of an OrganizationAudit', 'run, or this mode\'s --format json) as a table; audits nothing'],
    },
  },
});

/** The command line of mpu-audit, checked and typed. */
export type MpuAuditOptions = ParsedOptions<typeof MPU_AUDIT_OPTIONS>;
