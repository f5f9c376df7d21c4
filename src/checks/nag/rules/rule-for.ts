import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { DEFAULT_MAX_DAYS } from '../../../policy/evaluate';
import { MultipartUploadRuleId } from '../../../policy/verdict';
import { evaluateBucketResource, isBucketResource } from '../../bucket-resource';
import { findingFor } from '../../finding';

/**
 * A cdk-nag rule function for one rule id: the evaluator decides, the rule
 * only says whether its id is the one broken. Unresolved values throw, which
 * cdk-nag reports as a validation failure of MPU1.
 */
export function ruleFor(ruleId: MultipartUploadRuleId, name: string) {
  const rule = (node: CfnResource, maxDays: number = DEFAULT_MAX_DAYS): NagRuleCompliance => {
    if (!isBucketResource(node)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const finding = findingFor(evaluateBucketResource(node, maxDays), maxDays);
    if (finding?.unresolved) {
      if (ruleId === MultipartUploadRuleId.MPU1) {
        throw new Error(finding.message);
      }
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    return finding?.ruleId === ruleId ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  };
  return Object.defineProperty(rule, 'name', { value: name });
}
