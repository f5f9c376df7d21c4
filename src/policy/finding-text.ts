import { Evaluation } from './evaluate';
import { MultipartUploadRuleId, RULE_CATALOGUE, SourceInput, UNRESOLVED } from './rule-catalogue';
import { ruleIdOf, Verdict } from './verdict';

export interface FindingText {
  readonly ruleId: MultipartUploadRuleId;
  /** True when the rules could not be judged: a warning, whatever the level. */
  readonly unresolved: boolean;
  /** What is wrong, why it matters, and the fix in the input's terms (without the rule id). */
  readonly text: string;
}

/**
 * The finding for a verdict, from the rule catalogue: the same sentence for every input but the
 * fix, which the catalogue words for `input`; undefined when the bucket is compliant.
 */
export function findingText(evaluation: Evaluation, maxDays: number, input: SourceInput): FindingText | undefined {
  if (evaluation.verdict === Verdict.COMPLIANT) {
    return undefined;
  }
  const ruleId = ruleIdOf(evaluation.verdict);
  if (ruleId === undefined) {
    return { ruleId: UNRESOLVED.ruleId, unresolved: true, text: `${UNRESOLVED.problem}: ${evaluation.reason}. ${UNRESOLVED.fix[input]}` };
  }
  return { ruleId, unresolved: false, text: ruleText(ruleId, evaluation.reason, maxDays, input) };
}

/** A broken rule's problem, the evaluator's reason, and the fix in the input's terms. */
function ruleText(ruleId: MultipartUploadRuleId, reason: string, maxDays: number, input: SourceInput): string {
  const rule = RULE_CATALOGUE[ruleId];
  return `${rule.problem(input)}: ${reason}. ${rule.fix[input](maxDays)}`;
}
