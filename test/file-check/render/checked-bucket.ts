import { CheckedResource, CheckResult } from '../../../src/file-check/check-result';
import { Verdict } from '../../../src/policy/verdict';

/** A bucket with an unacknowledged MPU1 finding, as checkPaths reports it, with `overrides`. */
export function checkedBucket(overrides: Partial<CheckedResource>): CheckedResource {
  return {
    file: 't.yaml',
    line: 3,
    column: 3,
    id: 'Logs',
    type: 'AWS::S3::Bucket',
    verdict: Verdict.MISSING,
    ruleId: 'MultipartUpload-MPU1' as CheckedResource['ruleId'],
    acknowledged: null,
    message: 'the bucket keeps the parts forever.',
    severity: 'error',
    ...overrides,
  };
}

export function checkResult(resources: CheckedResource[], errors: CheckResult['errors'] = [], templatesChecked = 1): CheckResult {
  return { resources, errors, templatesChecked };
}
