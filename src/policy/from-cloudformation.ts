import {
  field, isPresent, isUnreadable, readAbortDays, readEnabled, readString,
} from './fields';
import { LifecycleView, OrUnresolved, RejectedFilter, RuleView, unresolved } from './lifecycle-view';

/**
 * Adapts the `LifecycleConfiguration` of an `AWS::S3::Bucket` (or an
 * `AWS::S3Express::DirectoryBucket`) to the evaluator's view. Accepts the
 * template's PascalCase or a resolved CDK L1's camelCase; resolve tokens with
 * `Stack.of(node).resolve()` first, whatever is left is reported unresolved.
 */
export function lifecycleFromCloudFormation(lifecycleConfiguration: unknown): LifecycleView {
  if (lifecycleConfiguration === undefined || lifecycleConfiguration === null) {
    return { rules: [] };
  }
  if (isUnreadable(lifecycleConfiguration)) {
    return { rules: [], unresolved: unresolved(lifecycleConfiguration) };
  }
  const rules = field(lifecycleConfiguration, 'Rules');
  if (rules === undefined) {
    return { rules: [] };
  }
  if (!Array.isArray(rules)) {
    return { rules: [], unresolved: unresolved(rules) };
  }
  return { rules: rules.map(ruleFromCloudFormation) };
}

function ruleFromCloudFormation(rule: unknown, index: number): RuleView {
  const label = labelOf(field(rule, 'Id'), index);
  if (isUnreadable(rule)) {
    const whole = unresolved(rule);
    return { label, enabled: whole, abortDays: whole, prefix: whole, rejectedFilters: whole };
  }
  return {
    label,
    enabled: readEnabled(field(rule, 'Status')),
    abortDays: readAbortDays(rule),
    prefix: readString(field(rule, 'Prefix'), ''),
    rejectedFilters: rejectedFiltersOf(rule),
  };
}

function rejectedFiltersOf(rule: unknown): OrUnresolved<RejectedFilter[]> {
  const tags = field(rule, 'TagFilters');
  const sizes = [field(rule, 'ObjectSizeGreaterThan'), field(rule, 'ObjectSizeLessThan')];
  const unreadable = [tags, ...sizes].find(isUnreadable);
  if (unreadable !== undefined) {
    return unresolved(unreadable);
  }
  const found: RejectedFilter[] = [];
  if (isPresent(tags)) found.push('tags');
  if (sizes.some(isPresent)) found.push('object size');
  return found;
}

export function labelOf(id: unknown, index: number): string {
  return typeof id === 'string' && id !== '' && !isUnreadable(id) ? `"${id}"` : `#${index + 1}`;
}
