import { CfnResource, Duration, Mixin } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { addAbortRule } from './abort-rule-addition';
import { evaluateBucketResource, isBucketResource } from '../bucket-resource/bucket-resource';
import { findingFor } from '../policy/cdk-finding';
import { DEFAULT_MAX_DAYS, Evaluation } from '../policy/evaluate';
import { Verdict } from '../policy/verdict';

/** Properties of the AbortIncompleteUploads mixin and of the AbortIncompleteUploadsInjector. */
export interface AbortIncompleteUploadsProps {
  /**
   * Abort multipart uploads this long after they were started: the `DaysAfterInitiation` of the rule
   * added, and the latest abort that counts as in time (a bucket that aborts sooner gets no rule).
   * A whole number of days >= 1, not a token.
   * @default Duration.days(7)
   */
  readonly after?: Duration;
  /**
   * The id of the lifecycle rule added. When a rule of the bucket already has it, `-2` (or the
   * next free number) is appended, as S3 refuses two rules with one id.
   * @default 'AbortIncompleteMultipartUploads'
   */
  readonly lifecycleRuleId?: string;
}

/** The id of the lifecycle rule added, unless told. */
export const DEFAULT_LIFECYCLE_RULE_ID = 'AbortIncompleteMultipartUploads';

/** The verdicts a new whole-bucket rule turns into COMPLIANT. */
const FIXABLE: readonly Verdict[] = [Verdict.MISSING, Verdict.PARTIAL_COVERAGE, Verdict.TOO_LATE];

/** What adding the rule did to one bucket resource. */
export interface AbortRuleOutcome {
  /** The evaluator's verdict before the rule was added. */
  readonly before: Evaluation;
  /** The id the added rule got. */
  readonly ruleId: string;
}

/**
 * A mixin that makes a bucket abort incomplete multipart uploads: an enabled whole-bucket lifecycle
 * rule, added beside every rule the bucket has, unless its rules already abort them within `after`.
 *
 * Supports `AWS::S3::Bucket` (an `s3.CfnBucket`, the bucket of an `s3.Bucket`, reached by
 * `.with()` on it, an included template's bucket) and `AWS::S3Express::DirectoryBucket`, matched by
 * their CloudFormation type. On an `s3.Bucket` the rule goes through `addLifecycleRule`, so rules
 * the bucket gets later are kept too. Applied twice, it adds one rule.
 *
 * A bucket whose existing abort rule S3 rejects (one filtered by tags or object size,
 * MultipartUpload-MPU3) makes it throw with the rule id and the fix: the deploy would fail.
 *
 * @example
 * import { App, Duration, Mixins, Stack, aws_s3 as s3 } from 'aws-cdk-lib';
 * import { AbortIncompleteUploads } from 'cdk-mpu-guard';
 *
 * const app = new App();
 * const stack = new Stack(app, 'Stack');
 * new s3.Bucket(stack, 'Logs').with(new AbortIncompleteUploads({ after: Duration.days(3) }));
 * // or every bucket made so far, inside constructs you do not own too:
 * Mixins.of(app).apply(new AbortIncompleteUploads());
 */
export class AbortIncompleteUploads extends Mixin {
  private readonly days: number;
  private readonly lifecycleRuleId: string;

  /** @param props how soon uploads are aborted, and the id of the rule added */
  constructor(props: AbortIncompleteUploadsProps = {}) {
    super();
    this.days = abortDaysOf('AbortIncompleteUploads', props.after);
    this.lifecycleRuleId = props.lifecycleRuleId ?? DEFAULT_LIFECYCLE_RULE_ID;
  }

  /** True for an `AWS::S3::Bucket` or `AWS::S3Express::DirectoryBucket` resource. */
  public supports(construct: IConstruct): boolean {
    return isBucketResource(construct);
  }

  /** Adds the abort rule to a supported construct that lacks one in time, and ignores any other. */
  public applyTo(construct: IConstruct): void {
    if (!isBucketResource(construct)) {
      return;
    }
    const before = evaluateBucketResource(construct, this.days);
    if (before.verdict === Verdict.INVALID_RULE) {
      throw new Error(`AbortIncompleteUploads at ${construct.node.path}: ${findingFor(before, this.days)?.message}`);
    }
    if (before.verdict !== Verdict.COMPLIANT && addAbortRule(construct, this.rule()) === undefined) {
      throw new Error(`AbortIncompleteUploads at ${construct.node.path} cannot add its rule: ${before.reason}, and the rule list is an intrinsic `
        + 'it cannot add to. Write LifecycleConfiguration.Rules as a list (Fn::If of lists is fine), or leave this bucket out with a ConstructSelector.');
    }
  }

  /**
   * What the fixer Aspect does: the rule added only where it makes the bucket compliant
   * (MPU1, MPU2), anything else left as it is for the checker to report, never an error.
   * @internal
   */
  public _fixLeniently(node: CfnResource): AbortRuleOutcome | undefined {
    const before = evaluateBucketResource(node, this.days);
    if (!FIXABLE.includes(before.verdict)) {
      return undefined;
    }
    const ruleId = addAbortRule(node, this.rule());
    return ruleId === undefined ? undefined : { before, ruleId };
  }

  private rule() {
    return { id: this.lifecycleRuleId, days: this.days };
  }
}

/**
 * The whole days of an `after` prop, default 7; `kind` names the class in the error. A token cannot
 * be judged at synthesis, and lifecycle rules count whole days.
 */
export function abortDaysOf(kind: string, after: Duration | undefined): number {
  if (after === undefined) {
    return DEFAULT_MAX_DAYS;
  }
  if (after.isUnresolved()) {
    throw new Error(`${kind}: after must be a literal duration, not a token, so the bucket's rules can be judged at synthesis`);
  }
  const days = after.toDays({ integral: false });
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(`${kind}: after must be a whole number of days >= 1 (got ${after.toHumanString() || after.toString()}). `
      + 'Lifecycle rules count whole days; use Duration.days(n) with n >= 1.');
  }
  return days;
}
