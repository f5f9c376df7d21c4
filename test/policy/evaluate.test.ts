import { App, aws_s3 as s3, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { evaluateLifecycle } from '../../src/policy/evaluate';
import { evaluateCloudFormationLifecycle } from '../../src/policy/evaluate-cloudformation';
import { lifecycleFromCloudFormation } from '../../src/policy/from-cloudformation';
import { lifecycleFromS3Api } from '../../src/policy/from-s3-api';
import { MultipartUploadRuleId, Verdict } from '../../src/policy/verdict';
import { LIFECYCLE_CASES, LifecycleCase } from '../fixtures/lifecycle-cases';

function synthesizedBucket(c: LifecycleCase) {
  const stack = new Stack(new App(), 'Stack');
  const bucket = new s3.CfnBucket(stack, 'Bucket', { lifecycleConfiguration: c.cfn });
  const template = Template.fromStack(stack).findResources('AWS::S3::Bucket');
  return {
    camelCase: stack.resolve(bucket.lifecycleConfiguration),
    pascalCase: template.Bucket.Properties?.LifecycleConfiguration,
  };
}

describe('the lifecycle evaluator on the shared case table', () => {
  test.each(LIFECYCLE_CASES)('$name (CDK L1, camelCase) -> $verdict', (c) => {
    // GIVEN
    const { camelCase } = synthesizedBucket(c);
    // WHEN
    const result = evaluateCloudFormationLifecycle(camelCase, { maxDays: c.maxDays });
    // THEN
    expect(result.verdict).toEqual(c.verdict);
  });

  test.each(LIFECYCLE_CASES)('$name (template JSON, PascalCase) -> $verdict', (c) => {
    const { pascalCase } = synthesizedBucket(c);
    const result = evaluateCloudFormationLifecycle(pascalCase, { maxDays: c.maxDays });
    expect(result.verdict).toEqual(c.verdict);
  });

  test.each(LIFECYCLE_CASES.filter(c => c.s3 !== 'not-expressible'))('$name (S3 API) -> $verdict', (c) => {
    const rules = c.s3 === 'not-expressible' ? undefined : c.s3;
    const result = evaluateLifecycle(lifecycleFromS3Api(rules), { maxDays: c.maxDays });
    expect(result.verdict).toEqual(c.verdict);
  });
});

describe('evaluation details', () => {
  const wholeBucket = (days: number, status = 'Enabled') =>
    lifecycleFromS3Api([{ ID: 'abort', Status: status, Filter: {}, AbortIncompleteMultipartUpload: { DaysAfterInitiation: days } }]);

  test('a compliant bucket reports the earliest whole-bucket days and no rule id', () => {
    const view = lifecycleFromS3Api([
      { ID: 'slow', Status: 'Enabled', Filter: {}, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 5 } },
      { ID: 'fast', Status: 'Enabled', Filter: { Prefix: '' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } },
    ]);
    const result = evaluateLifecycle(view);
    expect(result).toMatchObject({ verdict: Verdict.COMPLIANT, abortDays: 2, reason: 'incomplete uploads are aborted 2 days after initiation' });
    expect(result.ruleId).toBeUndefined();
  });

  test('the default maximum is 7 days: 7 passes, 8 is too late', () => {
    expect(evaluateLifecycle(wholeBucket(7)).verdict).toBe(Verdict.COMPLIANT);
    expect(evaluateLifecycle(wholeBucket(8))).toMatchObject({
      verdict: Verdict.TOO_LATE,
      ruleId: MultipartUploadRuleId.MPU2,
      reason: 'incomplete uploads are aborted 8 days after initiation, later than the allowed 7 days',
    });
  });

  test.each([
    [Verdict.MISSING, MultipartUploadRuleId.MPU1],
    [Verdict.PARTIAL_COVERAGE, MultipartUploadRuleId.MPU1],
    [Verdict.TOO_LATE, MultipartUploadRuleId.MPU2],
    [Verdict.INVALID_RULE, MultipartUploadRuleId.MPU3],
  ])('%s maps to %s', (verdict, ruleId) => {
    const c = LIFECYCLE_CASES.find(candidate => candidate.verdict === verdict)!;
    const result = evaluateCloudFormationLifecycle(synthesizedBucket(c).camelCase, { maxDays: c.maxDays });
    expect(result.ruleId).toBe(ruleId);
  });

  test('reasons say what is wrong', () => {
    expect(evaluateLifecycle(lifecycleFromS3Api(undefined)).reason).toBe('the bucket has no lifecycle rules');
    expect(evaluateLifecycle(wholeBucket(3, 'Disabled')).reason).toBe('the rule "abort" that aborts incomplete uploads is disabled');
    const prefixed = lifecycleFromS3Api([{ Status: 'Enabled', Prefix: 'tmp/', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }]);
    expect(evaluateLifecycle(prefixed).reason).toBe('incomplete uploads are aborted only under the prefix "tmp/"; uploads elsewhere are kept forever');
    const tagged = lifecycleFromS3Api([{ ID: 't', Status: 'Enabled', Filter: { Tag: { Key: 'a', Value: 'b' } }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }]);
    expect(evaluateLifecycle(tagged).reason).toBe('rule "t" aborts incomplete uploads but filters on tags, which S3 rejects');
  });

  test('an unresolved value is named, never judged compliant', () => {
    const view = lifecycleFromCloudFormation({
      Rules: [{ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: { Ref: 'AbortDays' } } }],
    });
    const result = evaluateLifecycle(view);
    expect(result.verdict).toBe(Verdict.UNRESOLVED);
    expect(result.unresolved).toEqual(['{"Ref":"AbortDays"}']);
    expect(result.reason).toContain('{"Ref":"AbortDays"}');
  });

  test('an unresolved tag filter in an abort rule could make S3 reject it, so it is unresolved even beside a compliant rule', () => {
    const view = lifecycleFromCloudFormation({
      Rules: [
        { Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
        { Status: 'Enabled', Prefix: 'a/', TagFilters: { 'Fn::If': ['C', [{ Key: 'k', Value: 'v' }], { Ref: 'AWS::NoValue' }] }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
      ],
    });
    expect(evaluateLifecycle(view).verdict).toBe(Verdict.UNRESOLVED);
  });

  test('a raw, unresolved CDK string token is unresolved', () => {
    const view = lifecycleFromCloudFormation({ rules: [{ status: '${Token[TOKEN.12]}', abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }] });
    expect(evaluateLifecycle(view)).toMatchObject({ verdict: Verdict.UNRESOLVED, unresolved: ['${Token[TOKEN.12]}'] });
  });

  test.each([
    ['left out of a hand-written template', {}],
    ['null in a template', { DaysAfterInitiation: null }],
    ['AWS::NoValue, which CloudFormation removes', { DaysAfterInitiation: { Ref: 'AWS::NoValue' } }],
  ])('an abort action whose days are %s aborts nothing: MISSING, naming the rule, not UNRESOLVED', (_, action) => {
    const view = lifecycleFromCloudFormation({ Rules: [{ Id: 'abort', Status: 'Enabled', AbortIncompleteMultipartUpload: action }] });
    expect(evaluateLifecycle(view)).toMatchObject({
      verdict: Verdict.MISSING,
      reason: 'the abort action of rule "abort" names no days after initiation, so it never aborts an upload',
    });
  });

  test('days written as a string in a template are read as a number', () => {
    const view = lifecycleFromCloudFormation({ Rules: [{ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: '3' } }] });
    expect(evaluateLifecycle(view)).toMatchObject({ verdict: Verdict.COMPLIANT, abortDays: 3 });
  });

  test.each([0, -1, 2.5, Number.NaN])('maxDays %p is refused with a clear message', (maxDays) => {
    expect(() => evaluateLifecycle(wholeBucket(1), { maxDays })).toThrow(`maxDays must be a whole number of days >= 1 (got ${maxDays})`);
  });
});
