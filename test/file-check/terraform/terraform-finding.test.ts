import { terraformFindingFor } from '../../../src/file-check/terraform/terraform-finding';
import { TerraformRuleStyle } from '../../../src/file-check/terraform/terraform-subject';
import { MultipartUploadRuleId, RULE_CATALOGUE, SourceInput, UNRESOLVED } from '../../../src/policy/rule-catalogue';
import { ruleIdOf, Verdict } from '../../../src/policy/verdict';

/** The catalogue's wording for each way a Terraform bucket's rules are written. */
const STYLES: ReadonlyArray<[TerraformRuleStyle, SourceInput]> = [
  ['configuration', 'terraform'],
  ['inline', 'terraform-inline'],
  ['none', 'terraform-no-configuration'],
];

describe('terraformFindingFor', () => {
  test.each(STYLES)('rules written as %s: each broken rule\'s text is the catalogue\'s %s problem and fix', (style, input) => {
    for (const verdict of [Verdict.MISSING, Verdict.PARTIAL_COVERAGE, Verdict.TOO_LATE, Verdict.INVALID_RULE]) {
      const rule = RULE_CATALOGUE[ruleIdOf(verdict)!];
      expect(terraformFindingFor({ verdict, reason: 'REASON' }, 4, style)).toEqual({
        ruleId: rule.id, unresolved: false, text: `${rule.problem(input)}: REASON. ${rule.fix[input](4)}`,
      });
    }
    expect(terraformFindingFor({ verdict: Verdict.UNRESOLVED, reason: 'REASON' }, 4, style)).toEqual({
      ruleId: UNRESOLVED.ruleId, unresolved: true, text: `${UNRESOLVED.problem}: REASON. ${UNRESOLVED.fix[input]}`,
    });
  });

  test('the HCL fixes are the ones mpu-check has always given', () => {
    const mpu1 = RULE_CATALOGUE[MultipartUploadRuleId.MPU1];
    expect(mpu1.fix.terraform(7)).toBe('Add to the bucket\'s aws_s3_bucket_lifecycle_configuration (a second one would replace it): '
      + 'rule { id = "abort-incomplete-uploads" status = "Enabled" filter {} abort_incomplete_multipart_upload { days_after_initiation = 7 } }.');
    expect(terraformFindingFor({ verdict: Verdict.TOO_LATE, reason: 'R' }, 7, 'inline')?.text)
      .toBe('the bucket keeps the parts of failed multipart uploads too long: R. '
        + 'Set abort_incomplete_multipart_upload_days = 7 (or less) in a lifecycle_rule with no prefix and no tags.');
  });
});
