import { expressionAt } from './plan-configuration';
import { listOf } from './plan-resources';
import { isUnknownMark } from './plan-unknowns';
import { withoutScopeNote } from './terraform-finding';
import { isRecord } from '../../policy/fields';
import { labelOf } from '../../policy/from-cloudformation';
import { lifecycleFromTerraformInlineRules, lifecycleFromTerraformRules } from '../../policy/from-terraform';
import { LifecycleView, unresolved } from '../../policy/lifecycle-view';


export interface PlannedRules {
  readonly lifecycle: LifecycleView;
  /** What the AWS provider would warn about. */
  readonly notes: string[];
}

/**
 * The rules of an aws_s3_bucket_lifecycle_configuration instance, from its values with the
 * unknown ones marked, and the configuration's expressions when the plan has them.
 */
export function configurationRules(values: Record<string, unknown>, expressions: unknown): PlannedRules {
  if (isUnknownMark(values.rule)) return { lifecycle: { rules: [], unresolved: unresolved(values.rule) }, notes: [] };
  const rules = listOf(values.rule).map(withoutUnknownId);
  const written = expressionAt(expressions, ['rule']);
  // A dynamic "rule" block is left out of the expressions: then only the values tell.
  const asWritten = Array.isArray(written) && written.length === rules.length ? written : [];
  const notes = rules.flatMap((rule, index) => (hasScope(rule, asWritten[index]) ? [] : [withoutScopeNote(labelOf(idOf(rule), index))]));
  return { lifecycle: lifecycleFromTerraformRules(rules), notes };
}

/**
 * The inline lifecycle_rule blocks of an aws_s3_bucket, or undefined when it has none. The
 * attribute is computed from provider v4 on: a bucket that does not write it plans it unknown,
 * which is no rule of its own.
 */
export function inlineRules(values: Record<string, unknown>, writtenInline: boolean): LifecycleView | undefined {
  const rules = values.lifecycle_rule;
  if (isUnknownMark(rules)) return writtenInline ? { rules: [], unresolved: unresolved(rules) } : undefined;
  const list = listOf(rules).map(withoutUnknownId);
  return list.length > 0 ? lifecycleFromTerraformInlineRules(list) : undefined;
}

/** A rule's id the provider computes names the rule by its position instead. */
function withoutUnknownId(rule: unknown): unknown {
  return isRecord(rule) && isUnknownMark(rule.id) ? { ...rule, id: undefined } : rule;
}

function idOf(rule: unknown): unknown {
  return isRecord(rule) ? rule.id : undefined;
}

function hasScope(rule: unknown, written: unknown): boolean {
  if (!isRecord(rule)) return true;
  const filter = rule.filter;
  if (isUnknownMark(filter) || (Array.isArray(filter) && filter.length > 0)) return true;
  if (isRecord(written)) return 'filter' in written || 'prefix' in written;
  return rule.prefix !== undefined && rule.prefix !== null;
}

