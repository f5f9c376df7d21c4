/**
 * A value the adapters could not read because it is still a CDK token or a
 * CloudFormation intrinsic (`Ref`, `Fn::If`...). It is never judged compliant.
 */
export interface Unresolved {
  readonly unresolved: string;
}

/** A value as read, or Unresolved where the input holds a token or an intrinsic instead. */
export type OrUnresolved<T> = T | Unresolved;

/** The longest text an unresolved value is shown with: a message quotes it, it need not hold all of it. */
const SHOWN_LENGTH = 200;

export function unresolved(value: unknown): Unresolved {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(typeof value);
  return { unresolved: text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH - 3)}...` : text };
}

export function isUnresolved(value: unknown): value is Unresolved {
  return typeof value === 'object' && value !== null && typeof (value as Unresolved).unresolved === 'string';
}

/** The filters of a rule that S3 refuses to combine with `AbortIncompleteMultipartUpload`. */
export type RejectedFilter = 'tags' | 'object size';

/**
 * The neutral view of one lifecycle rule: only what decides whether it aborts
 * incomplete multipart uploads, whatever shape it was read from.
 */
export interface RuleView {
  /** The rule's ID, or its position when it has none (for messages). */
  readonly label: string;
  readonly enabled: OrUnresolved<boolean>;
  /**
   * `DaysAfterInitiation` of the abort action; undefined when the rule has no abort action, null when
   * it has one whose days are known to be absent (left out, or a value known to be null), which
   * aborts nothing.
   */
  readonly abortDays?: OrUnresolved<number> | null;
  /** The key prefix the rule is limited to; '' covers the whole bucket. */
  readonly prefix: OrUnresolved<string>;
  /** Filters S3 rejects beside an abort action; empty when there are none. */
  readonly rejectedFilters: OrUnresolved<RejectedFilter[]>;
}

export interface LifecycleView {
  readonly rules: RuleView[];
  /** Set when the rule list itself is a token or intrinsic. */
  readonly unresolved?: Unresolved;
}
