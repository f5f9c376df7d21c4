import { Annotations, aws_s3 as s3, CfnResource, Duration, IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { evaluateBucketResource, isBucketResource } from '../bucket-resource/bucket-resource';
import { renderedProperties } from '../bucket-resource/lifecycle-of-resource';
import { DEFAULT_MAX_DAYS, requireWholeDays } from '../policy/evaluate';
import { Verdict } from '../policy/verdict';

/** Properties of the AbortIncompleteUploadsFixer. */
export interface AbortIncompleteUploadsFixerProps {
  /**
   * The `DaysAfterInitiation` of the rule it adds, and the latest that counts as in time.
   * @default 7
   */
  readonly days?: number;
  /**
   * The id of the lifecycle rule it adds.
   * @default 'AbortIncompleteMultipartUploads'
   */
  readonly ruleId?: string;
}

/** The verdicts a new whole-bucket rule turns into COMPLIANT. */
const FIXABLE: readonly Verdict[] = [Verdict.MISSING, Verdict.PARTIAL_COVERAGE, Verdict.TOO_LATE];

/**
 * A mutating Aspect that adds an enabled whole-bucket abort rule to every S3
 * bucket that lacks one in time, keeping every existing rule, and records what
 * it changed as info annotations. Invalid or unresolved configurations are
 * left for the checker to report. Add it with `AspectPriority.MUTATING`:
 * `Aspects.of(app).add(new AbortIncompleteUploadsFixer(), { priority: AspectPriority.MUTATING })`.
 */
export class AbortIncompleteUploadsFixer implements IAspect {
  private readonly days: number;
  private readonly ruleId: string;

  constructor(props: AbortIncompleteUploadsFixerProps = {}) {
    this.days = requireWholeDays('days', props.days ?? DEFAULT_MAX_DAYS);
    this.ruleId = props.ruleId ?? 'AbortIncompleteMultipartUploads';
  }

  public visit(node: IConstruct): void {
    if (!isBucketResource(node)) {
      return;
    }
    const before = evaluateBucketResource(node, this.days);
    if (!FIXABLE.includes(before.verdict)) {
      return;
    }
    const owner = l2BucketOwning(node);
    if (owner) {
      owner.addLifecycleRule({ id: this.ruleId, enabled: true, abortIncompleteMultipartUploadAfter: Duration.days(this.days) });
    } else {
      this.addToTemplateRules(node);
    }
    Annotations.of(node).addInfo(`${before.verdict === Verdict.TOO_LATE ? 'MultipartUpload-MPU2' : 'MultipartUpload-MPU1'} fixed by `
      + `AbortIncompleteUploadsFixer: added lifecycle rule "${this.ruleId}" aborting incomplete uploads after ${this.days} days (was: ${before.reason})`);
  }

  /** For an L1 or an included template: the rendered rules, overrides included, plus the new one. */
  private addToTemplateRules(node: CfnResource): void {
    const rules: unknown[] = renderedProperties(node).LifecycleConfiguration?.Rules ?? [];
    node.addPropertyOverride('LifecycleConfiguration.Rules', [
      ...rules,
      { Id: this.ruleId, Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: this.days } },
    ]);
  }
}

/** The L2 bucket whose default child this resource is, found without instanceof. */
function l2BucketOwning(node: CfnResource): Pick<s3.Bucket, 'addLifecycleRule'> | undefined {
  const parent = node.node.scope as Partial<s3.Bucket> | undefined;
  if (parent && parent.node?.defaultChild === node && typeof parent.addLifecycleRule === 'function') {
    return parent as s3.Bucket;
  }
  return undefined;
}
