import { Annotations, AspectPriority, CfnResource, Duration, IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { addEverywhere } from './apply-everywhere';
import { AbortIncompleteUploads } from '../bucket/abort-incomplete-uploads-mixin';
import { DEFAULT_MAX_DAYS, requireWholeDays } from '../policy/evaluate';
import { ruleIdOf } from '../policy/verdict';

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

/**
 * A mutating Aspect that adds an enabled whole-bucket abort rule to every S3
 * bucket that lacks one in time, keeping every existing rule, and records what
 * it changed as info annotations. Invalid or unresolved configurations are
 * left for the checker to report. Add it with `applyTo`, which reaches every Stage too;
 * added by hand, give it `AspectPriority.MUTATING`.
 *
 * It is the `AbortIncompleteUploads` mixin applied at synthesis, except that it never throws:
 * where the mixin refuses a bucket (an abort rule S3 rejects), the fixer leaves it to the checker.
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
  private readonly mixin: AbortIncompleteUploads;

  /** @param props how late counts as in time, and the id of the rule the fixer adds */
  constructor(props: AbortIncompleteUploadsFixerProps = {}) {
    const maxDays = renamed('maxDays', props.maxDays, 'days', props.days);
    this.maxDays = requireWholeDays(maxDays.name, maxDays.value ?? DEFAULT_MAX_DAYS);
    const lifecycleRuleId = renamed('lifecycleRuleId', props.lifecycleRuleId, 'ruleId', props.ruleId).value;
    this.mixin = new AbortIncompleteUploads({ after: Duration.days(this.maxDays), lifecycleRuleId });
  }

  public visit(node: IConstruct): void {
    if (!this.mixin.supports(node)) {
      return;
    }
    const fixed = this.mixin._fixLeniently(node as CfnResource);
    if (fixed) {
      Annotations.of(node).addInfo(`${ruleIdOf(fixed.before.verdict)} fixed by AbortIncompleteUploadsFixer: added lifecycle rule `
        + `"${fixed.ruleId}" aborting incomplete uploads after ${this.maxDays} days (was: ${fixed.before.reason})`);
    }
  }
}

/** A renamed prop: the name the user gave and its value; the new and the deprecated name must agree. */
function renamed<T>(name: string, value: T | undefined, oldName: string, oldValue: T | undefined): { name: string; value: T | undefined } {
  if (value !== undefined && oldValue !== undefined && value !== oldValue) {
    throw new Error(`${oldName} is the deprecated name of ${name}, and they disagree (${name}: ${value}, ${oldName}: ${oldValue}): give ${name} only`);
  }
  return value === undefined && oldValue !== undefined ? { name: oldName, value: oldValue } : { name, value };
}
