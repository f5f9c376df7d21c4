import { isUnresolved, LifecycleView, RuleView, Unresolved } from './lifecycle-view';
import { MultipartUploadRuleId, ruleIdOf, Verdict } from './verdict';

/** The default for the latest allowed `DaysAfterInitiation`. */
export const DEFAULT_MAX_DAYS = 7;

export interface EvaluateOptions {
  /**
   * The latest `DaysAfterInitiation` that counts as in time.
   * @default 7
   */
  readonly maxDays?: number;
  /**
   * When the values an unresolved verdict waits for become known, for its reason.
   * @default 'at synthesis'
   */
  readonly knownAt?: string;
}

export interface Evaluation {
  readonly verdict: Verdict;
  /** The rule the verdict breaks; undefined for COMPLIANT and UNRESOLVED. */
  readonly ruleId?: MultipartUploadRuleId;
  /** One sentence saying what was found, for people. */
  readonly reason: string;
  /** The earliest `DaysAfterInitiation` of an enabled whole-bucket abort rule, when there is one. */
  readonly abortDays?: number;
  /** The token or intrinsic expressions that stopped a judgement (UNRESOLVED only). */
  readonly unresolved?: string[];
}

/**
 * The one place that decides whether a bucket's lifecycle rules abort
 * incomplete multipart uploads in time. Every caller adapts its own input
 * (a CloudFormation template, a CDK L1, an S3 API response) to a
 * {@link LifecycleView} first.
 */
export function evaluateLifecycle(view: LifecycleView, options: EvaluateOptions = {}): Evaluation {
  const maxDays = requireWholeDays('maxDays', options.maxDays ?? DEFAULT_MAX_DAYS);
  const knownAt = options.knownAt ?? 'at synthesis';
  if (view.unresolved) {
    return unresolvedVerdict([view.unresolved], `the lifecycle rules are not known ${knownAt}`);
  }

  // An abort action whose days are known to be absent aborts nothing: such a rule counts as one
  // without an abort action, whatever its status, filters or scope, and is named if nothing else aborts.
  const abortRules = view.rules.filter(rule => rule.abortDays !== undefined && rule.abortDays !== null);
  const withoutDays = view.rules.filter(rule => rule.abortDays === null);
  const invalid = findInvalid(abortRules);
  if (invalid) {
    return judged(Verdict.INVALID_RULE, invalid);
  }

  const unknownFilters = abortRules.flatMap(rule => unresolvedOf(rule.rejectedFilters));
  if (unknownFilters.length > 0) {
    return unresolvedVerdict(unknownFilters, `the filters of an abort rule are not known ${knownAt}`);
  }

  const wholeBucketDays = abortRules
    .filter(rule => rule.enabled === true && rule.prefix === '')
    .map(rule => rule.abortDays)
    .filter((days): days is number => typeof days === 'number')
    .sort((a, b) => a - b);
  const earliest = wholeBucketDays[0];
  if (earliest !== undefined && earliest <= maxDays) {
    return judged(Verdict.COMPLIANT, `incomplete uploads are aborted ${plural(earliest, 'day')} after initiation`, earliest);
  }

  const unknowns = abortRules.flatMap(rule => [rule.enabled, rule.abortDays, rule.prefix].flatMap(unresolvedOf));
  if (unknowns.length > 0) {
    return unresolvedVerdict(unknowns, `an abort rule depends on values not known ${knownAt}`);
  }
  if (earliest !== undefined) {
    return judged(
      Verdict.TOO_LATE,
      `incomplete uploads are aborted ${plural(earliest, 'day')} after initiation, later than the allowed ${plural(maxDays, 'day')}`,
      earliest,
    );
  }
  const enabled = abortRules.filter(rule => rule.enabled === true);
  if (enabled.length > 0) {
    const prefixes = enabled.map(rule => JSON.stringify(rule.prefix)).join(', ');
    return judged(
      Verdict.PARTIAL_COVERAGE,
      `incomplete uploads are aborted only under the prefix${enabled.length > 1 ? 'es' : ''} ${prefixes}; uploads elsewhere are kept forever`,
    );
  }
  if (abortRules.length > 0) {
    return judged(Verdict.MISSING, `the rule ${abortRules.map(rule => rule.label).join(', ')} that aborts incomplete uploads is disabled`);
  }
  if (withoutDays.length > 0) {
    const labels = withoutDays.map(rule => rule.label).join(', ');
    return judged(Verdict.MISSING, withoutDays.every(rule => rule.enabled === false)
      ? `the rule ${labels} is disabled, and its abort action names no days after initiation`
      : `the abort action of rule ${labels} names no days after initiation, so it never aborts an upload`);
  }
  return judged(
    Verdict.MISSING,
    view.rules.length === 0 ? 'the bucket has no lifecycle rules' : 'no lifecycle rule aborts incomplete multipart uploads',
  );
}

/** Returns the value, or throws naming the prop when it is not whole days >= 1. */
export function requireWholeDays(propName: string, days: number): number {
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(`${propName} must be a whole number of days >= 1 (got ${days})`);
  }
  return days;
}

function findInvalid(abortRules: RuleView[]): string | undefined {
  for (const rule of abortRules) {
    const filters = rule.rejectedFilters;
    if (Array.isArray(filters) && filters.length > 0) {
      return `rule ${rule.label} aborts incomplete uploads but filters on ${filters.join(' and ')}, which S3 rejects`;
    }
    const days = rule.abortDays;
    if (typeof days === 'number' && (!Number.isInteger(days) || days < 1)) {
      return `rule ${rule.label} aborts incomplete uploads after ${days} days; S3 accepts only whole days >= 1`;
    }
  }
  return undefined;
}

function unresolvedOf(value: unknown): string[] {
  return isUnresolved(value) ? [value.unresolved] : [];
}

function unresolvedVerdict(values: Array<Unresolved | string>, why: string): Evaluation {
  const expressions = values.map(value => (typeof value === 'string' ? value : value.unresolved));
  return { verdict: Verdict.UNRESOLVED, reason: `${why}: ${expressions.join(', ')}`, unresolved: expressions };
}

function judged(verdict: Verdict, reason: string, abortDays?: number): Evaluation {
  return { verdict, ruleId: ruleIdOf(verdict), reason, abortDays };
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
