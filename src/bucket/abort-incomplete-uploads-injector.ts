import { aws_s3 as s3, Duration, InjectionContext, IPropertyInjector, Stack } from 'aws-cdk-lib';
import { abortDaysOf, AbortIncompleteUploadsProps, DEFAULT_LIFECYCLE_RULE_ID } from './abort-incomplete-uploads-mixin';
import { uniqueRuleId } from './abort-rule-addition';
import { findingFor } from '../policy/cdk-finding';
import { evaluateCloudFormationLifecycle } from '../policy/evaluate-cloudformation';
import { Verdict } from '../policy/verdict';

/**
 * A property injector for `s3.Bucket`: every bucket made in the scope it is registered on gets an
 * enabled whole-bucket rule that aborts incomplete multipart uploads, added to its props beside its
 * own `lifecycleRules`, unless those already abort them within `after`. It also reaches buckets
 * made inside constructs you do not own, and subclasses of `s3.Bucket`.
 *
 * A bucket whose own abort rule S3 rejects (one filtered by tags or object size,
 * MultipartUpload-MPU3) makes it throw with the rule id and the fix, as the mixin does.
 *
 * @example
 * import { App, PropertyInjectors } from 'aws-cdk-lib';
 * import { AbortIncompleteUploadsInjector } from 'cdk-mpu-guard';
 *
 * const app = new App({ propertyInjectors: [new AbortIncompleteUploadsInjector()] });
 * // or, on a scope made already:
 * // PropertyInjectors.of(scope).add(new AbortIncompleteUploadsInjector());
 */
export class AbortIncompleteUploadsInjector implements IPropertyInjector {
  /** `s3.Bucket.PROPERTY_INJECTION_ID`: the injector applies to `s3.Bucket` and its subclasses. */
  public readonly constructUniqueId: string = s3.Bucket.PROPERTY_INJECTION_ID;

  private readonly days: number;
  private readonly lifecycleRuleId: string;

  /** @param props how soon uploads are aborted, and the id of the rule added */
  constructor(props: AbortIncompleteUploadsProps = {}) {
    this.days = abortDaysOf('AbortIncompleteUploadsInjector', props.after);
    this.lifecycleRuleId = props.lifecycleRuleId ?? DEFAULT_LIFECYCLE_RULE_ID;
  }

  /**
   * The bucket's props with the abort rule after its own lifecycle rules, or as given when they
   * already comply. `originalProps` is undefined for a bucket made without props.
   *
   * @param originalProps the `s3.BucketProps` the bucket was made with
   * @param context the scope and id of the bucket
   */
  public inject(originalProps: any, context: InjectionContext): any {
    const props: s3.BucketProps = originalProps ?? {};
    const rules = props.lifecycleRules ?? [];
    const configuration = lifecycleConfigurationOfRules(rules);
    if (configuration === undefined) {
      // A duration the bucket itself cannot convert: its own error says so.
      return originalProps;
    }
    const before = evaluateCloudFormationLifecycle(Stack.of(context.scope).resolve(configuration), { maxDays: this.days });
    if (before.verdict === Verdict.COMPLIANT) {
      return originalProps;
    }
    if (before.verdict === Verdict.INVALID_RULE) {
      const path = context.scope.node.path === '' ? context.id : `${context.scope.node.path}/${context.id}`;
      throw new Error(`AbortIncompleteUploadsInjector at ${path}: ${findingFor(before, this.days)?.message}`);
    }
    const id = uniqueRuleId(this.lifecycleRuleId, configuration);
    return { ...props, lifecycleRules: [...rules, { id, enabled: true, abortIncompleteMultipartUploadAfter: Duration.days(this.days) }] };
  }
}

/**
 * An L2's lifecycle rules as the L1's `lifecycleConfiguration` (camelCase), with what the evaluator
 * reads: id, status, prefix, abort days and the filters S3 rejects beside an abort. Undefined when
 * an abort duration cannot be read in days (a token in another unit).
 */
function lifecycleConfigurationOfRules(rules: readonly s3.LifecycleRule[]): unknown {
  try {
    return {
      rules: rules.map(rule => ({
        id: rule.id,
        status: rule.enabled === false ? 'Disabled' : 'Enabled',
        prefix: rule.prefix,
        abortIncompleteMultipartUpload: rule.abortIncompleteMultipartUploadAfter
          && { daysAfterInitiation: rule.abortIncompleteMultipartUploadAfter.toDays({ integral: false }) },
        tagFilters: rule.tagFilters && Object.entries(rule.tagFilters).map(([key, value]) => ({ key, value })),
        objectSizeGreaterThan: rule.objectSizeGreaterThan,
        objectSizeLessThan: rule.objectSizeLessThan,
      })),
    };
  } catch {
    return undefined;
  }
}
