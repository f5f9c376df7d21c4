import { abortRule, fnIf, lifecycle, NO_VALUE } from './cfn-lifecycle';
import { evaluateCloudFormationLifecycle } from '../../src/policy/evaluate-cloudformation';
import { lifecycleOfProperties } from '../../src/policy/lifecycle-of-properties';
import { Verdict } from '../../src/policy/verdict';

const COMPLIANT = lifecycle(abortRule(1));

describe('lifecycleOfProperties', () => {
  test.each([
    ['Properties with a LifecycleConfiguration', { BucketName: 'b', LifecycleConfiguration: COMPLIANT }, COMPLIANT],
    ['Properties without one', { BucketName: 'b' }, undefined],
    ['no Properties', undefined, undefined],
    ['Properties that are AWS::NoValue', NO_VALUE, undefined],
    ['Properties from Fn::Transform', { 'Fn::Transform': { Name: 'Macro' } }, { 'Fn::Transform': { Name: 'Macro' } }],
    ['Properties from Fn::If', fnIf('C', { LifecycleConfiguration: COMPLIANT }, { BucketName: 'x' }), fnIf('C', COMPLIANT, undefined)],
    ['Properties from Fn::If with AWS::NoValue', fnIf('C', NO_VALUE, { LifecycleConfiguration: COMPLIANT }), fnIf('C', undefined, COMPLIANT)],
    ['Properties from nested Fn::If', fnIf('A', fnIf('B', { LifecycleConfiguration: COMPLIANT }, {}), {}), fnIf('A', fnIf('B', COMPLIANT, undefined), undefined)],
  ])('GIVEN %s THEN the LifecycleConfiguration as written', (_, properties, expected) => {
    expect(lifecycleOfProperties(properties)).toEqual(expected);
  });

  test.each([
    ['Properties from Fn::If, both compliant', fnIf('C', { LifecycleConfiguration: COMPLIANT }, { LifecycleConfiguration: COMPLIANT }), Verdict.COMPLIANT],
    ['Properties from Fn::If, one without lifecycle', fnIf('C', { LifecycleConfiguration: COMPLIANT }, {}), Verdict.UNRESOLVED],
    ['Properties from Fn::Transform', { 'Fn::Transform': { Name: 'Macro' } }, Verdict.UNRESOLVED],
    ['Properties that are AWS::NoValue', NO_VALUE, Verdict.MISSING],
  ])('GIVEN %s THEN the evaluator judges it', (_, properties, verdict) => {
    expect(evaluateCloudFormationLifecycle(lifecycleOfProperties(properties)).verdict).toBe(verdict);
  });
});
