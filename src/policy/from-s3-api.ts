import { field, isPresent, readAbortDays, readEnabled } from './fields';
import { labelOf } from './from-cloudformation';
import { LifecycleView, RejectedFilter, RuleView } from './lifecycle-view';

/**
 * Adapts the `Rules` of an S3 `GetBucketLifecycleConfiguration` answer to the
 * evaluator's view. Reads the `Filter` shape (`Prefix`, `Tag`, `And`,
 * `ObjectSizeGreaterThan`/`LessThan`) and the legacy rule-level `Prefix` that
 * some S3-compatible servers still return. Pass `undefined` for a bucket that
 * answered `NoSuchLifecycleConfiguration`.
 */
export function lifecycleFromS3Api(rules: readonly unknown[] | undefined): LifecycleView {
  return { rules: (rules ?? []).map(ruleFromS3Api) };
}

function ruleFromS3Api(rule: unknown, index: number): RuleView {
  const filter = field(rule, 'Filter');
  const and = field(filter, 'And');
  const prefix = field(filter, 'Prefix') ?? field(and, 'Prefix') ?? field(rule, 'Prefix') ?? '';
  const rejectedFilters: RejectedFilter[] = [];
  if (isPresent(field(filter, 'Tag')) || isPresent(field(and, 'Tags'))) {
    rejectedFilters.push('tags');
  }
  const sizes = [filter, and].flatMap(scope => [field(scope, 'ObjectSizeGreaterThan'), field(scope, 'ObjectSizeLessThan')]);
  if (sizes.some(isPresent)) {
    rejectedFilters.push('object size');
  }
  return {
    label: labelOf(field(rule, 'ID'), index),
    enabled: readEnabled(field(rule, 'Status')),
    abortDays: readAbortDays(rule),
    prefix: String(prefix),
    rejectedFilters,
  };
}
