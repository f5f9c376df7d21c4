import { labelOf } from './from-cloudformation';
import { LifecycleView, OrUnresolved, RejectedFilter, RuleView, unresolved } from './lifecycle-view';

type Block = Record<string, unknown>;

/**
 * Adapts the `rule` blocks of an `aws_s3_bucket_lifecycle_configuration` (AWS provider v4 and
 * later) to the evaluator's view, in the JSON shape both `terraform show -json` and HCL-to-JSON
 * converters give: each nested block a list of objects, an expression not known before apply a
 * `${...}` string (or, from a plan, a value left out).
 */
export function lifecycleFromTerraformRules(rules: readonly unknown[] | undefined): LifecycleView {
  return { rules: (rules ?? []).map(ruleFromTerraform) };
}

/**
 * Adapts provider v3's inline `lifecycle_rule` blocks of an `aws_s3_bucket`: `enabled`, `prefix`,
 * `tags` and `abort_incomplete_multipart_upload_days`.
 */
export function lifecycleFromTerraformInlineRules(lifecycleRules: readonly unknown[] | undefined): LifecycleView {
  return {
    rules: (lifecycleRules ?? []).map((rule, index) => {
      const block = asBlock(rule);
      const tags = block.tags;
      return {
        label: labelOf(block.id, index),
        enabled: readBool(block.enabled),
        // The provider sends no abort action for 0 days, which a plan also writes for an unset value.
        abortDays: block.abort_incomplete_multipart_upload_days === 0 ? undefined : readDays(block.abort_incomplete_multipart_upload_days),
        prefix: readPrefix(block.prefix),
        rejectedFilters: isExpression(tags) ? unresolved(tags) : hasEntries(tags) ? ['tags'] : [],
      };
    }),
  };
}

function ruleFromTerraform(rule: unknown, index: number): RuleView {
  if (isExpression(rule)) {
    return { label: `#${index + 1}`, enabled: unresolved(rule), abortDays: unresolved(rule), prefix: unresolved(rule), rejectedFilters: unresolved(rule) };
  }
  const block = asBlock(rule);
  const filter = firstBlock(block.filter);
  const and = firstBlock(filter?.and);
  // A whole block not known before apply (a plan's unknown value) may hold any prefix or filter.
  const unknownScope = [block.filter, filter?.and].find(isExpression);
  return {
    label: labelOf(block.id, index),
    enabled: readStatus(block.status),
    abortDays: readAbortDays(block.abort_incomplete_multipart_upload),
    prefix: unknownScope === undefined ? readPrefix(filter?.prefix ?? and?.prefix ?? block.prefix) : unresolved(unknownScope),
    rejectedFilters: unknownScope === undefined ? rejectedFiltersOf([filter, and]) : unresolved(unknownScope),
  };
}

/**
 * An `abort_incomplete_multipart_upload` block's days; null when they are known to be absent (left
 * out, or null in HCL or in a plan's values): the provider then sends no days, and nothing is aborted.
 */
function readAbortDays(abortBlocks: unknown): OrUnresolved<number> | null | undefined {
  if (isExpression(abortBlocks)) return unresolved(abortBlocks);
  const abort = firstBlock(abortBlocks);
  if (abort === undefined) return undefined;
  return readDays(abort.days_after_initiation) ?? null;
}

function rejectedFiltersOf(scopes: ReadonlyArray<Block | undefined>): OrUnresolved<RejectedFilter[]> {
  const tags = scopes.flatMap(scope => [scope?.tag, scope?.tags]);
  const sizes = scopes.flatMap(scope => [scope?.object_size_greater_than, scope?.object_size_less_than]);
  const expression = [...tags, ...sizes].find(isExpression);
  if (expression !== undefined) {
    return unresolved(expression);
  }
  const found: RejectedFilter[] = [];
  if (tags.some(hasEntries)) found.push('tags');
  // The provider writes an absent size as 0 in a plan: only a size above 0 filters.
  if (sizes.some(size => size !== undefined && size !== null && numberIn(size) > 0)) found.push('object size');
  return found;
}

function readStatus(status: unknown): OrUnresolved<boolean> {
  return isExpression(status) || status === undefined ? unresolved(status ?? 'status (not known before apply)') : status === 'Enabled';
}

function readBool(value: unknown): OrUnresolved<boolean> {
  if (isExpression(value) || value === undefined) return unresolved(value ?? 'enabled (not known before apply)');
  return value === true || value === 'true';
}

function readDays(value: unknown): OrUnresolved<number> | undefined {
  if (value === undefined || value === null) return undefined;
  if (isExpression(value)) return unresolved(value);
  const days = numberIn(value);
  return Number.isNaN(days) ? unresolved(value) : days;
}

function readPrefix(value: unknown): OrUnresolved<string> {
  if (value === undefined || value === null) return '';
  // A list or object where a string belongs: Terraform refuses it, so nothing is known.
  return isExpression(value) || typeof value === 'object' ? unresolved(value) : String(value);
}

/**
 * A number, or a string or bool as Terraform converts it; NaN for a list or an object, which is
 * never converted (`{ toString = 0 }` would make the conversion throw).
 */
function numberIn(value: unknown): number {
  return typeof value === 'object' && value !== null ? NaN : Number(value);
}

/** An HCL expression left as written (`${var.days}`), which only `terraform apply` knows. */
function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.includes('${');
}

function hasEntries(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasEntries);
  // A tag written in a shape the provider does not plan (`tag = ["team"]`) still names a tag.
  if (typeof value === 'string') return value !== '';
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

function firstBlock(value: unknown): Block | undefined {
  const block = Array.isArray(value) ? value[0] : value;
  return typeof block === 'object' && block !== null ? block as Block : undefined;
}

function asBlock(value: unknown): Block {
  return firstBlock(value) ?? {};
}
