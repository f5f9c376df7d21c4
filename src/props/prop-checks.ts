import { Duration, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { IAM_ROLE_NAME, IAM_ROLE_NAME_RULE, MAX_PLAUSIBLE_DAYS, REGION_NAME, REGION_NAME_EXAMPLE } from '../facts/input-facts';

/** Where a whole number must lie. */
export interface WholeRange {
  readonly min: number;
  /** A token here is known only at deploy time: the upper end is then not checked. */
  readonly max?: number;
  /** The prop the upper end comes from, shown with it: `from 1 to evaluationPeriods (3)`. */
  readonly maxName?: string;
  /** What is counted: `a whole number of MiB`. */
  readonly unit?: string;
  /** Appended to the message after the value, e.g. a sentence on how to fix it. */
  readonly explanation?: string;
}

const LAMBDA_MIN_MEMORY_MIB = 128;
const LAMBDA_MAX_MEMORY_MIB = 10_240;
const LAMBDA_MAX_TIMEOUT_SECONDS = 900;
/** The functions stop their work 60 s before the timeout: under 2 minutes leaves them less than 1 to work in. */
const MIN_TIMEOUT_SECONDS = 120;

/**
 * The checks of one construct's props. A token passes and is left to the deploy; a literal that
 * could not work throws, naming the construct (kind and path), the prop, the value and the fix:
 * `OrphanedUploadsMonitor Stack/Monitor: memorySize must be a whole number of MiB from 128 to 10240 (got 100)`.
 */
export class PropChecks {
  private readonly construct: string;

  /**
   * Takes the scope and id, not the construct: a subclass checks its props before super(). Without
   * an id, `scope` is the construct itself; without either, the messages name `kind` alone (a Mixin
   * checks its props before it is applied to anything).
   */
  constructor(kind: string, scope?: IConstruct, id?: string) {
    this.construct = scope === undefined ? kind : `${kind} ${pathOf(scope, id)}`;
  }

  /** The error of a check the construct makes itself: `message` starts with the prop. */
  public error(message: string): Error {
    return new Error(`${this.construct}: ${message}`);
  }

  public regions(prop: string, regions: readonly string[]): void {
    // A list token (Token.asList) is one element no string check sees as a token.
    if (Token.isUnresolved(regions)) return;
    for (const region of regions) {
      if (!Token.isUnresolved(region) && !REGION_NAME.test(region)) {
        throw this.error(`${prop} must hold region names such as '${REGION_NAME_EXAMPLE}' (got '${region}')`);
      }
    }
  }

  public roleName(prop: string, name: string): void {
    if (!Token.isUnresolved(name) && !IAM_ROLE_NAME.test(name)) {
      throw this.error(`${prop} must be an IAM role name: ${IAM_ROLE_NAME_RULE} (got '${name}')`);
    }
  }

  public wholeNumber(prop: string, value: number, range: WholeRange): number {
    if (Token.isUnresolved(value)) return value;
    if (!Number.isInteger(value) || value < range.min || value > upperEndOf(range)) {
      throw this.error(`${prop} must be a whole number${unitOf(range)} ${rangeText(range)} (got ${value})${range.explanation ?? ''}`);
    }
    return value;
  }

  /** A count of days, from 1 to a century. */
  public dayCount(prop: string, value: number): number {
    return this.wholeNumber(prop, value, { min: 1, max: MAX_PLAUSIBLE_DAYS });
  }

  public lambdaMemory(prop: string, mebibytes: number): number {
    return this.wholeNumber(prop, mebibytes, { min: LAMBDA_MIN_MEMORY_MIB, max: LAMBDA_MAX_MEMORY_MIB, unit: 'MiB' });
  }

  /** Whole seconds, 0 or more; a token must be given in seconds, as the deploy cannot convert units. */
  public seconds(prop: string, duration: Duration): number {
    if (duration.isUnresolved()) return this.tokenIn(prop, duration, 'seconds', () => duration.toSeconds());
    const millis = duration.toMilliseconds({ integral: false });
    if (!Number.isFinite(millis) || millis < 0 || millis % 1000 !== 0) {
      // toHumanString shows two units at most: 150.5 s would read '2 minutes 30 seconds'.
      const got = Number.isFinite(millis) ? `${millis / 1000} seconds` : describeDuration(duration);
      throw this.error(`${prop} must be a whole number of seconds, 0 or more (got ${got})`);
    }
    return millis / 1000;
  }

  /** Whole days in the range (from 1 unless told); a token must be given in days. */
  public days(prop: string, duration: Duration, range: Partial<WholeRange> = {}): number {
    if (duration.isUnresolved()) return this.tokenIn(prop, duration, 'days', () => duration.toDays());
    const days = duration.toDays({ integral: false });
    const whole = { min: 1, ...range };
    if (!Number.isInteger(days) || days < whole.min || days > upperEndOf(whole)) {
      throw this.error(`${prop} must be a whole number of days ${rangeText(whole)} (got ${describeDuration(duration)})${whole.explanation ?? ''}`);
    }
    return days;
  }

  /**
   * A Lambda timeout from 2 to 15 minutes, for a function whose work (`worker`, e.g. 'the audit')
   * stops 60 s before it.
   */
  public lambdaTimeout(prop: string, timeout: Duration, worker: string): Duration {
    const seconds = this.seconds(prop, timeout);
    if (!Token.isUnresolved(seconds) && (seconds < MIN_TIMEOUT_SECONDS || seconds > LAMBDA_MAX_TIMEOUT_SECONDS)) {
      throw this.error(`${prop} must be from 2 to 15 minutes: ${worker} stops 60 s before it, and Lambda allows 15 (got ${describeDuration(timeout)})`);
    }
    return timeout;
  }

  /** For what must be known at synthesis: `because` says why, e.g. 'as CloudWatch checks periods at synthesis'. */
  public literalDuration(prop: string, duration: Duration, because: string): void {
    if (duration.isUnresolved()) throw this.error(`${prop} must be a literal duration, not a token, ${because}`);
  }

  private tokenIn(prop: string, duration: Duration, unit: string, convert: () => number): number {
    try {
      return convert();
    } catch {
      throw this.error(`${prop} from a token must be given in ${unit}, Duration.${unit}(token), as the deploy cannot convert it (got ${describeDuration(duration)})`);
    }
  }
}

function pathOf(scope: IConstruct, id: string | undefined): string {
  if (id === undefined) return scope.node.path;
  return scope.node.path === '' ? id : `${scope.node.path}/${id}`;
}

/** A duration as messages show it: '1 day 12 hours', or 'Duration.days(NaN)' where that says nothing. */
export function describeDuration(duration: Duration): string {
  return duration.toHumanString() || duration.toString();
}

function unitOf(range: WholeRange): string {
  return range.unit === undefined ? '' : ` of ${range.unit}`;
}

/** The upper end checked at synthesis: none for a token. */
function upperEndOf(range: WholeRange): number {
  return range.max === undefined || Token.isUnresolved(range.max) ? Infinity : range.max;
}

function rangeText(range: WholeRange): string {
  if (range.max === undefined || (Token.isUnresolved(range.max) && range.maxName === undefined)) return `>= ${range.min}`;
  if (range.maxName === undefined) return `from ${range.min} to ${range.max}`;
  return `from ${range.min} to ${Token.isUnresolved(range.max) ? range.maxName : `${range.maxName} (${range.max})`}`;
}
