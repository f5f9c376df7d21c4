import { LifecycleRule } from '@aws-sdk/client-s3';
import { describeFix, FIX_RULE_ID, planLifecycleFix } from '../../src/audit/lifecycle-fix-plan';
import { MultipartUploadRuleId, RULE_CATALOGUE } from '../../src/policy/rule-catalogue';

const expireLogs: LifecycleRule = { ID: 'expire-logs', Status: 'Enabled', Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } };
const wholeBucketAbort = (days: number): LifecycleRule => ({ ID: 'abort', Status: 'Enabled', Filter: { Prefix: '' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: days } });

describe('planLifecycleFix', () => {
  test('a bucket without configuration gets one rule, in the Filter shape', () => {
    const plan = planLifecycleFix(undefined, 7);
    expect(plan).toMatchObject({ action: 'add', lifecycle: { rules: [{ ID: FIX_RULE_ID, Status: 'Enabled', Filter: { Prefix: '' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }] } });
  });

  test('existing rules and the bucket-wide setting are carried over exactly, the new rule last', () => {
    const current = { rules: [expireLogs, wholeBucketAbort(30)], transitionDefaultMinimumObjectSize: 'varies_by_storage_class' };
    const plan = planLifecycleFix(current, 3);
    if (plan.action !== 'add') throw new Error(`expected add, got ${plan.action}`);
    expect(plan.lifecycle.rules.slice(0, 2)).toEqual(current.rules);
    expect(plan.lifecycle.rules[0]).toBe(expireLogs);
    expect(plan.lifecycle.transitionDefaultMinimumObjectSize).toBe('varies_by_storage_class');
    expect(plan.reason).toMatch(/30 days/);
  });

  test('legacy rule-level Prefix rules get a legacy new rule: S3 refuses a mix of the two shapes', () => {
    const plan = planLifecycleFix({ rules: [{ ID: 'old', Status: 'Enabled', Prefix: 'tmp/', Expiration: { Days: 1 } }] }, 7);
    expect(plan).toMatchObject({ action: 'add', added: { Prefix: '' } });
    expect(plan.action === 'add' && 'Filter' in plan.added).toBe(false);
  });

  test('the new rule id never clashes with an existing one', () => {
    const plan = planLifecycleFix({ rules: [{ ...expireLogs, ID: FIX_RULE_ID }, { ...expireLogs, ID: `${FIX_RULE_ID}-2` }] }, 7);
    expect(plan).toMatchObject({ action: 'add', added: { ID: `${FIX_RULE_ID}-3` } });
  });

  test('a compliant bucket is left alone; a rule S3 would reject is left for a person', () => {
    expect(planLifecycleFix({ rules: [wholeBucketAbort(1)] }, 7)).toMatchObject({ action: 'none' });
    const tagged: LifecycleRule = { ID: 't', Status: 'Enabled', Filter: { Tag: { Key: 'a', Value: 'b' } }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } };
    expect(planLifecycleFix({ rules: [tagged] }, 7)).toMatchObject({ action: 'refuse', reason: expect.stringMatching(/fix it by hand/) });
  });

  test('a rule S3 would reject is refused with the catalogue\'s MPU3 fix for a live bucket', () => {
    const tagged: LifecycleRule = { ID: 't', Status: 'Enabled', Filter: { Tag: { Key: 'a', Value: 'b' } }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } };
    const plan = planLifecycleFix({ rules: [tagged] }, 7);
    expect(plan.reason).toBe(`not changed, fix it by hand: rule "t" aborts incomplete uploads but filters on tags, which S3 rejects. ${RULE_CATALOGUE[MultipartUploadRuleId.MPU3].fix['live-bucket'](7)}`);
  });

  test('days must be whole, >= 1, and no later than maxDays', () => {
    expect(() => planLifecycleFix(undefined, 0)).toThrow('days must be a whole number of days >= 1 (got 0)');
    expect(() => planLifecycleFix(undefined, 10, 7)).toThrow('days must be at most maxDays');
  });

  test('describeFix shows the kept rules and the added one as a + line', () => {
    const lines = describeFix('reports', planLifecycleFix({ rules: [expireLogs] }, 7));
    expect(lines).toEqual([
      'reports: no lifecycle rule aborts incomplete multipart uploads',
      '  1 existing rule kept unchanged: expire-logs',
      `+ {"ID":"${FIX_RULE_ID}","Status":"Enabled","Filter":{"Prefix":""},"AbortIncompleteMultipartUpload":{"DaysAfterInitiation":7}}`,
    ]);
  });
});
