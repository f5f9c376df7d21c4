import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { evaluateBucketResource, isBucketResource } from '../../../bucket-resource/bucket-resource';
import { Finding, findingFor } from '../../../policy/cdk-finding';
import { DEFAULT_MAX_DAYS } from '../../../policy/evaluate';
import { MultipartUploadRuleId, RULE_CATALOGUE, UNRESOLVED } from '../../../policy/rule-catalogue';

/** The finding for a bucket resource, undefined when it is compliant. */
export type FindingOf = (node: CfnResource) => Finding | undefined;

/** Asks the evaluator about `node` each time it is called. */
export function evaluateEachTime(maxDays: number): FindingOf {
  return node => findingFor(evaluateBucketResource(node, maxDays), maxDays);
}

/**
 * A cdk-nag rule function: a plain `(node) => NagRuleCompliance` that any cdk-nag 2 or 3 pack can
 * apply, with the latest `DaysAfterInitiation` in time as a second argument, and, for a pack that
 * applies several rules to one resource, the evaluation to share as a third.
 */
export type MultipartUploadNagRule = (node: CfnResource, maxDays?: number, findingOf?: FindingOf) => NagRuleCompliance;

/**
 * The rule function for one rule id, named after its catalogue entry. The evaluator decides
 * (through `findingOf`); the rule only says whether its id is the one broken. Unresolved values
 * throw, which cdk-nag reports as a validation failure of MPU1.
 */
export function nagRule(ruleId: MultipartUploadRuleId): MultipartUploadNagRule {
  const rule: MultipartUploadNagRule = (node, maxDays = DEFAULT_MAX_DAYS, findingOf = evaluateEachTime(maxDays)) => {
    if (!isBucketResource(node)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const finding = findingOf(node);
    if (finding?.unresolved) {
      if (ruleId === UNRESOLVED.ruleId) {
        throw new Error(finding.message);
      }
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    return finding?.ruleId === ruleId ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  };
  return Object.defineProperty(rule, 'name', { value: RULE_CATALOGUE[ruleId].name });
}
