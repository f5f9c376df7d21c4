import { Annotations, AspectPriority, aws_s3 as s3, CfnResource, Duration, IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { addEverywhere } from './apply-everywhere';
import { evaluateBucketResource, isBucketResource } from '../bucket-resource/bucket-resource';
import { renderedProperties } from '../bucket-resource/lifecycle-of-resource';
import { DEFAULT_MAX_DAYS, requireWholeDays } from '../policy/evaluate';
import { ruleIdOf, Verdict } from '../policy/verdict';

/** Properties of the AbortIncompleteUploadsFixer. */
export interface AbortIncompleteUploadsFixerProps {
  /**
   * The latest `DaysAfterInitiation` that counts as in time, as for the checker, and the
   * `DaysAfterInitiation` of the rule the fixer adds.
   * @default 7
   */
  readonly maxDays?: number;
  /**
   * The id of the lifecycle rule the fixer adds.
   * @default 'AbortIncompleteMultipartUploads'
   */
  readonly lifecycleRuleId?: string;
  /**
   * The former name of `maxDays`.
   * @deprecated use `maxDays`, the name the checker and the pack use
   * @default 7
   */
  readonly days?: number;
  /**
   * The former name of `lifecycleRuleId`.
   * @deprecated use `lifecycleRuleId`: it is the lifecycle rule's id, not a rule id like MultipartUpload-MPU1
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
 * left for the checker to report. Add it with `applyTo`, which reaches every Stage too;
 * added by hand, give it `AspectPriority.MUTATING`.
 *
 * @example
 * import { App } from 'aws-cdk-lib';
 * import { AbortIncompleteUploadsChecker, AbortIncompleteUploadsFixer } from 'cdk-mpu-guard';
 *
 * const app = new App();
 * AbortIncompleteUploadsFixer.applyTo(app, { maxDays: 7 });
 * AbortIncompleteUploadsChecker.applyTo(app, { maxDays: 7 });
 */
export class AbortIncompleteUploadsFixer implements IAspect {
  /**
   * Fixes every bucket in `scope` and in every Stage inside it, including
   * Stages added after this call (an Aspect added to an App does not reach
   * into its Stages). The fixer runs as a mutating Aspect, so before the
   * checker. A bucket that already aborts in time, because an earlier fixer
   * added the rule or for any other reason, is left alone: applying it twice
   * adds one rule.
   */
  public static applyTo(scope: IConstruct, props: AbortIncompleteUploadsFixerProps = {}): AbortIncompleteUploadsFixer {
    const fixer = new AbortIncompleteUploadsFixer(props);
    addEverywhere(scope, fixer, AspectPriority.MUTATING, 'AbortIncompleteUploadsFixer.applyTo');
    return fixer;
  }

  private readonly maxDays: number;
  private readonly lifecycleRuleId: string;

  /** @param props how late counts as in time, and the id of the rule the fixer adds */
  constructor(props: AbortIncompleteUploadsFixerProps = {}) {
    const maxDays = renamed('maxDays', props.maxDays, 'days', props.days);
    this.maxDays = requireWholeDays(maxDays.name, maxDays.value ?? DEFAULT_MAX_DAYS);
    this.lifecycleRuleId = renamed('lifecycleRuleId', props.lifecycleRuleId, 'ruleId', props.ruleId).value ?? 'AbortIncompleteMultipartUploads';
  }

  public visit(node: IConstruct): void {
    if (!isBucketResource(node)) {
      return;
    }
    const before = evaluateBucketResource(node, this.maxDays);
    if (!FIXABLE.includes(before.verdict)) {
      return;
    }
    const owner = l2BucketOwning(node);
    if (owner) {
      owner.addLifecycleRule({ id: this.lifecycleRuleId, enabled: true, abortIncompleteMultipartUploadAfter: Duration.days(this.maxDays) });
    } else {
      this.addToTemplateRules(node);
    }
    Annotations.of(node).addInfo(`${ruleIdOf(before.verdict)} fixed by `
      + `AbortIncompleteUploadsFixer: added lifecycle rule "${this.lifecycleRuleId}" aborting incomplete uploads after ${this.maxDays} days (was: ${before.reason})`);
  }

  /** For an L1 or an included template: the rendered rules, overrides included, plus the new one. */
  private addToTemplateRules(node: CfnResource): void {
    const rules: unknown[] = renderedProperties(node).LifecycleConfiguration?.Rules ?? [];
    node.addPropertyOverride('LifecycleConfiguration.Rules', [
      ...rules,
      { Id: this.lifecycleRuleId, Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: this.maxDays } },
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

/** A renamed prop: the name the user gave and its value; the new and the deprecated name must agree. */
function renamed<T>(name: string, value: T | undefined, oldName: string, oldValue: T | undefined): { name: string; value: T | undefined } {
  if (value !== undefined && oldValue !== undefined && value !== oldValue) {
    throw new Error(`${oldName} is the deprecated name of ${name}, and they disagree (${name}: ${value}, ${oldName}: ${oldValue}): give ${name} only`);
  }
  return value === undefined && oldValue !== undefined ? { name: oldName, value: oldValue } : { name, value };
}
