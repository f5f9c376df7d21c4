import { evaluateLifecycle } from '../../src/policy/evaluate';
import { lifecycleFromTerraformInlineRules, lifecycleFromTerraformRules } from '../../src/policy/from-terraform';
import { Verdict } from '../../src/policy/verdict';
import { LIFECYCLE_CASES } from '../fixtures/lifecycle-cases';
import { terraformRuleOf } from '../fixtures/terraform-rules';

const judged = (rules: unknown[], maxDays?: number) => evaluateLifecycle(lifecycleFromTerraformRules(rules), { maxDays });

describe('the Terraform adapter on the shared case table', () => {
  test.each(LIFECYCLE_CASES.filter(c => c.s3 !== 'not-expressible'))('$name (aws_s3_bucket_lifecycle_configuration rule blocks) -> $verdict', (c) => {
    // GIVEN the case's rules as HCL's rule blocks, in their JSON form
    const rules = c.s3 === 'not-expressible' ? [] : (c.s3 ?? []).map(terraformRuleOf);
    // WHEN / THEN
    expect(judged(rules, c.maxDays).verdict).toEqual(c.verdict);
  });
});

describe('the Terraform adapter on the provider\'s shapes', () => {
  const abort = (days: unknown) => ({ abort_incomplete_multipart_upload: [{ days_after_initiation: days }] });

  test.each([
    ['filter {} covers the whole bucket', [{ status: 'Enabled', filter: [{}], ...abort(7) }], Verdict.COMPLIANT],
    ['no filter and no prefix covers the whole bucket', [{ status: 'Enabled', ...abort(7) }], Verdict.COMPLIANT],
    ['a plan\'s filter: empty lists, prefix "" and sizes 0', [{
      status: 'Enabled', filter: [{ and: [], prefix: '', tag: [], object_size_greater_than: 0, object_size_less_than: 0 }], ...abort(7),
    }], Verdict.COMPLIANT],
    ['filter { tag {} } beside an abort action', [{ status: 'Enabled', filter: [{ tag: [{ key: 'team', value: 'data' }] }], ...abort(7) }], Verdict.INVALID_RULE],
    ['filter { and { tags } } beside an abort action', [{ status: 'Enabled', filter: [{ and: [{ prefix: '', tags: { team: 'data' } }] }], ...abort(7) }], Verdict.INVALID_RULE],
    ['filter { prefix = "tmp/" }', [{ status: 'Enabled', filter: [{ prefix: 'tmp/' }], ...abort(1) }], Verdict.PARTIAL_COVERAGE],
    ['status = "Disabled"', [{ status: 'Disabled', filter: [{}], ...abort(1) }], Verdict.MISSING],
    ['days from a variable', [{ status: 'Enabled', filter: [{}], ...abort('${var.abort_days}') }], Verdict.UNRESOLVED],
    ['status from a variable', [{ status: '${var.status}', filter: [{}], ...abort(7) }], Verdict.UNRESOLVED],
    ['days written as a string', [{ status: 'Enabled', filter: [{}], ...abort('3') }], Verdict.COMPLIANT],
    ['a filter block not known before apply', [{ status: 'Enabled', filter: '${filter}', ...abort(7) }], Verdict.UNRESOLVED],
    ['an and block not known before apply', [{ status: 'Enabled', filter: [{ and: '${and}' }], ...abort(7) }], Verdict.UNRESOLVED],
    ['an abort block not known before apply', [{ status: 'Enabled', filter: [{}], abort_incomplete_multipart_upload: '${abort}' }], Verdict.UNRESOLVED],
    ['a whole rule not known before apply', ['${rule[0]}'], Verdict.UNRESOLVED],
    ['a tag list of names, not of key and value', [{ status: 'Enabled', filter: [{ tag: ['my_tag'] }], ...abort(7) }], Verdict.INVALID_RULE],
    ['abort_incomplete_multipart_upload {} (no days: the provider sends none)', [{ status: 'Enabled', filter: [{}], abort_incomplete_multipart_upload: [{}] }], Verdict.MISSING],
    ['days_after_initiation = null, as HCL or a plan\'s values say it', [{ status: 'Enabled', filter: [{}], ...abort(null) }], Verdict.MISSING],
    ['days null on a Disabled rule', [{ status: 'Disabled', filter: [{}], ...abort(null) }], Verdict.MISSING],
    ['days null beside a compliant rule', [{ status: 'Enabled', filter: [{ prefix: 'tmp/' }], ...abort(null) }, { status: 'Enabled', filter: [{}], ...abort(3) }], Verdict.COMPLIANT],
    ['days null on a rule whose status is not known', [{ status: '${var.status}', filter: [{}], ...abort(null) }], Verdict.MISSING],
  ])('%s', (_, rules, verdict) => {
    expect(judged(rules).verdict).toBe(verdict);
  });

  test('an unresolved value is named in the reason', () => {
    expect(judged([{ status: 'Enabled', filter: [{}], ...abort('${var.abort_days}') }]).reason).toContain('${var.abort_days}');
  });

  test.each([
    ['enabled, no prefix, 7 days', [{ id: 'abort', enabled: true, abort_incomplete_multipart_upload_days: 7 }], Verdict.COMPLIANT],
    ['enabled, prefix "logs/"', [{ enabled: true, prefix: 'logs/', abort_incomplete_multipart_upload_days: 7 }], Verdict.PARTIAL_COVERAGE],
    ['tags beside the abort days', [{ enabled: true, tags: { team: 'data' }, abort_incomplete_multipart_upload_days: 7 }], Verdict.INVALID_RULE],
    ['disabled', [{ enabled: false, abort_incomplete_multipart_upload_days: 7 }], Verdict.MISSING],
    ['15 days', [{ enabled: true, abort_incomplete_multipart_upload_days: 15 }], Verdict.TOO_LATE],
    ['only an expiration', [{ enabled: true, expiration: [{ days: 30 }] }], Verdict.MISSING],
    ['enabled from a variable', [{ enabled: '${var.on}', abort_incomplete_multipart_upload_days: 7 }], Verdict.UNRESOLVED],
    ['0 days, as a plan writes an unset value and the provider sends no abort', [{ enabled: true, abort_incomplete_multipart_upload_days: 0 }], Verdict.MISSING],
  ])('provider v3 inline lifecycle_rule: %s', (_, rules, verdict) => {
    expect(evaluateLifecycle(lifecycleFromTerraformInlineRules(rules)).verdict).toBe(verdict);
  });
});

// Found by the property tests: a list or object whose `toString` is not a function, where the
// adapter converted the value to a string or a number, threw "Cannot convert object to primitive value".
describe('the Terraform adapters on a list or object where a string or number belongs (Terraform refuses it)', () => {
  const abort = (days: unknown) => ({ abort_incomplete_multipart_upload: [{ days_after_initiation: days }] });

  test.each([
    ['prefix = { toString = 0 }', [{ status: 'Enabled', filter: [{ prefix: { toString: 0 } }], ...abort(1) }]],
    ['prefix = [[{ toString = false }]]', [{ status: 'Enabled', filter: [{ prefix: [[{ toString: false }]] }], ...abort(1) }]],
    ['days_after_initiation = { toString = "x", valueOf = 1 }', [{ status: 'Enabled', filter: [{}], ...abort({ toString: 'x', valueOf: 1 }) }]],
  ])('configuration rule, %s: not known, UNRESOLVED', (_, rules) => {
    expect(judged(rules).verdict).toBe(Verdict.UNRESOLVED);
  });

  test('configuration rule, object_size_greater_than = { toString = 0 }: no size, as a string that is no number', () => {
    const withSize = (size: unknown) => judged([{ status: 'Enabled', filter: [{ object_size_greater_than: size }], ...abort(1) }]).verdict;
    expect(withSize({ toString: 0 })).toBe(withSize('abc'));
  });

  test.each([
    ['abort_incomplete_multipart_upload_days = [[[[{ toString = "Enabled" }]]]]', [{ enabled: true, abort_incomplete_multipart_upload_days: [[[[{ toString: 'Enabled' }]]]] }]],
    ['prefix = { toString = 0 }', [{ enabled: true, prefix: { toString: 0 }, abort_incomplete_multipart_upload_days: 1 }]],
  ])('inline lifecycle_rule, %s: not known, UNRESOLVED', (_, rules) => {
    expect(evaluateLifecycle(lifecycleFromTerraformInlineRules(rules)).verdict).toBe(Verdict.UNRESOLVED);
  });
});
