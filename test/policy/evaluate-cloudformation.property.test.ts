import * as fc from 'fast-check';
import { evaluateCloudFormationLifecycle } from '../../src/policy/evaluate-cloudformation';
import { lifecycleOfProperties } from '../../src/policy/lifecycle-of-properties';
import { Verdict } from '../../src/policy/verdict';
import { assertProperty, expectUnpolluted } from '../fixtures/hostile-input';
import { bucketProperties, lifecycleConfiguration } from '../fixtures/hostile-templates';

/**
 * The evaluator of CloudFormation lifecycle configurations, with Fn::If branches: any value, as a
 * bucket's Properties or as its LifecycleConfiguration, gives one of the verdicts.
 */

const VERDICTS: readonly string[] = Object.values(Verdict);

function verdictOf(configuration: unknown): Verdict {
  const evaluation = evaluateCloudFormationLifecycle(configuration, { maxDays: 7 });
  expect(VERDICTS).toContain(evaluation.verdict);
  expect(typeof evaluation.reason).toBe('string');
  expectUnpolluted();
  return evaluation.verdict;
}

/** True for `{ Ref: ... }`, `{ Condition: ... }` and `{ Fn::...: ... }`: another key would make it no intrinsic. */
const isIntrinsic = (node: object) => Object.keys(node).some(name => name === 'Ref' || name === 'Condition' || name.startsWith('Fn::'));

/**
 * A copy of `value` with `key: added` set as an own property of the object at `at` (the objects
 * that are no intrinsic, in the order found).
 */
function withKeyAdded(value: unknown, key: string, added: unknown, at: number): unknown {
  let index = 0;
  const copy = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(copy);
    if (typeof node !== 'object' || node === null) return node;
    const entries: Array<[string, unknown]> = Object.entries(node).map(([name, item]) => [name, copy(item)]);
    if (!isIntrinsic(node) && index++ === at) entries.push([key, added]);
    return Object.fromEntries(entries);
  };
  return copy(value);
}

/** Rules that abort in a day, which no key but Rules (or rules) may bring. */
const COMPLIANT_RULES = { Rules: [{ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }] };

describe('evaluateCloudFormationLifecycle, on any value', () => {
  test('a bucket\'s Properties of any shape, Fn::If included: one of the verdicts', () => {
    assertProperty(fc.property(bucketProperties, (properties) => {
      verdictOf(lifecycleOfProperties(properties));
    }), 2771, 2500);
  });

  test('a LifecycleConfiguration of any shape: one of the verdicts', () => {
    assertProperty(fc.property(lifecycleConfiguration, (configuration) => {
      verdictOf(configuration);
    }), 2772, 2500);
  });

  test('a key JavaScript gives a meaning (__proto__, toString, constructor), holding rules, changes no verdict', () => {
    assertProperty(fc.property(
      lifecycleConfiguration, fc.constantFrom('__proto__', 'toString', 'constructor', 'valueOf', 'hasOwnProperty'), fc.nat(20),
      fc.constantFrom(COMPLIANT_RULES, COMPLIANT_RULES.Rules, COMPLIANT_RULES.Rules[0], { DaysAfterInitiation: 1 }),
      (configuration, key, at, added) => {
        expect(verdictOf(withKeyAdded(configuration, key, added, at))).toBe(verdictOf(configuration));
      },
    ), 2773, 2500);
  });
});
