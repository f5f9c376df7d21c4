import * as fc from 'fast-check';
import { evaluateLifecycle } from '../../src/policy/evaluate';
import { lifecycleFromTerraformInlineRules, lifecycleFromTerraformRules } from '../../src/policy/from-terraform';
import { isUnresolved, LifecycleView } from '../../src/policy/lifecycle-view';
import { Verdict } from '../../src/policy/verdict';
import { assertProperty, expectUnpolluted, hostileJson, hostileKey } from '../fixtures/hostile-input';

/**
 * The Terraform adapters read rule blocks from HCL and from plans, both written by whoever opens
 * the pull request: any JSON value in any place gives a view the evaluator judges, never an exception.
 */

/** The names the adapters read, and names JavaScript gives a meaning of its own. */
const TERRAFORM_KEYS = ['id', 'status', 'enabled', 'prefix', 'filter', 'and', 'tag', 'tags', 'object_size_greater_than', 'object_size_less_than',
  'abort_incomplete_multipart_upload', 'days_after_initiation', 'abort_incomplete_multipart_upload_days', 'toString', 'valueOf', '__proto__', 'constructor'];

const value = hostileJson({ keys: hostileKey(TERRAFORM_KEYS), maxDepth: 5 });

/** Nested blocks as HCL and plans give them: a list of objects, each with some of `fields`. */
function blocks(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown[]> {
  return fc.array(fc.record(fields, { requiredKeys: [] }), { maxLength: 2 });
}

/** A rule block with every name the adapters read, each holding anything, as HCL and plans nest them (lists of one object). */
const ruleShaped = fc.record({
  id: value,
  status: fc.oneof(fc.constantFrom('Enabled', 'Disabled', '${var.status}'), value),
  enabled: fc.oneof(fc.constantFrom(true, false, 'true'), value),
  prefix: value,
  abort_incomplete_multipart_upload_days: fc.oneof(fc.constantFrom(0, 1, 7, '7', '${var.days}'), value),
  tags: value,
  filter: fc.oneof(value, blocks({
    prefix: value, tag: value, object_size_greater_than: value, and: fc.oneof(value, blocks({ prefix: value, tags: value })),
  })),
  abort_incomplete_multipart_upload: fc.oneof(value, blocks({ days_after_initiation: fc.oneof(fc.constantFrom(1, 7, 30, '7', null), value) })),
}, { requiredKeys: [] });

const rules = fc.array(fc.oneof(ruleShaped, value), { maxLength: 4 });

function expectJudged(view: LifecycleView): void {
  for (const rule of view.rules) {
    expect(typeof rule.label).toBe('string');
    for (const field of [rule.enabled, rule.prefix, rule.abortDays, rule.rejectedFilters]) {
      if (isUnresolved(field)) expect(typeof field.unresolved).toBe('string');
    }
  }
  const evaluation = evaluateLifecycle(view, { knownAt: 'before apply' });
  expect(Object.values(Verdict)).toContain(evaluation.verdict);
  expect(typeof evaluation.reason).toBe('string');
  expectUnpolluted();
}

describe('the Terraform adapters, on any JSON', () => {
  test('lifecycleFromTerraformRules: rule blocks of any shape give a view and a verdict', () => {
    assertProperty(fc.property(rules, list => expectJudged(lifecycleFromTerraformRules(list))), 2751, 3000);
  });

  test('lifecycleFromTerraformInlineRules: lifecycle_rule blocks of any shape give a view and a verdict', () => {
    assertProperty(fc.property(rules, list => expectJudged(lifecycleFromTerraformInlineRules(list))), 2752, 3000);
  });
});
