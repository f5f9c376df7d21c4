import { IAM_ROLE_NAME, MAX_PLAUSIBLE_DAYS, REGION_NAME } from '../../src/facts/input-facts';
import { NOT_REGIONS, REAL_REGIONS } from '../fixtures/region-names';

describe('REGION_NAME', () => {
  test.each(REAL_REGIONS)('takes the real region %s', region => {
    expect(REGION_NAME.test(region)).toBe(true);
  });

  test.each(NOT_REGIONS)('refuses %j', text => {
    expect(REGION_NAME.test(text)).toBe(false);
  });
});

describe('IAM_ROLE_NAME', () => {
  test.each(['a', 'mpu-guard-audit', 'Audit_Role+2=x,y.z@corp', 'r'.repeat(64)])('takes %s', name => {
    expect(IAM_ROLE_NAME.test(name)).toBe(true);
  });

  test.each(['', 'r'.repeat(65), 'a/b', 'path/role', 'with space', 'caf\u00e9', 'a:b'])('refuses %j', name => {
    expect(IAM_ROLE_NAME.test(name)).toBe(false);
  });
});

test('MAX_PLAUSIBLE_DAYS is a century of days', () => {
  expect(MAX_PLAUSIBLE_DAYS).toBe(36_500);
});
