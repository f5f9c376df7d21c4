import { MPU_AUDIT_OPTIONS, MpuAuditOptions } from './options';
import { DEFAULT_MAX_DAYS } from '../../policy/evaluate';
import { exitCodesHelp } from '../exit-codes-help';
import { CommandSpec } from '../options/option-table';
import { UsageError } from '../options/usage-error';

/** mpu-audit: its options, and the text of --help around them. */
export const MPU_AUDIT: CommandSpec<typeof MPU_AUDIT_OPTIONS> = {
  name: 'mpu-audit',
  intro: `Usage: mpu-audit [options]

Finds incomplete multipart uploads in S3 buckets, prices them, and checks that
every bucket has a lifecycle rule that aborts them. Read-only unless --abort or
--fix-lifecycle is given together with --yes.
`,
  outro: exitCodesHelp('mpu-audit'),
  options: MPU_AUDIT_OPTIONS,
  positionalHint: argument => `to audit a bucket, write --bucket ${argument}`,
  check: (options, given) => {
    addedRuleInTime(options, given);
    excludedPrefixesInScope(options);
  },
};

/** The rule --fix-lifecycle adds must itself pass MPU2. */
function addedRuleInTime(options: MpuAuditOptions, given: ReadonlySet<string>): void {
  if (!given.has('days') || options.days <= options.maxDays) return;
  throw new UsageError(given.has('max-days')
    ? `--days ${options.days} is later than --max-days ${options.maxDays}: the added rule would itself be too late`
    : `--days ${options.days} is later than the default --max-days ${DEFAULT_MAX_DAYS}: raise --max-days too, or lower --days`);
}

/** An --exclude-prefix that no key under --prefix can start with is a typo for the longer prefix. */
function excludedPrefixesInScope(options: MpuAuditOptions): void {
  const scope = options.prefix;
  if (scope === undefined) return;
  const outside = options.excludePrefix.find(excluded => !excluded.startsWith(scope) && !scope.startsWith(excluded));
  if (outside === undefined) return;
  throw new UsageError(`--exclude-prefix ${outside} can never match under --prefix ${scope}: write the whole key prefix, like --exclude-prefix ${scope}${outside}`);
}
