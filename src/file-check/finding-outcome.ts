import { CheckedResource, Severity } from './check-result';
import { Acknowledgement, hasReason } from '../policy/acknowledgement';
import { MultipartUploadRuleId } from '../policy/verdict';

/** A finding about one bucket, worded for its input. */
export interface WordedFinding {
  readonly ruleId: MultipartUploadRuleId;
  /** True when the rules could not be judged: a warning, whatever the level. */
  readonly unresolved: boolean;
  readonly message: string;
}

/**
 * How a finding is reported: acknowledged with a reason, a note; acknowledged without one, refused
 * and an error whatever the level, as the Aspect refuses it; else at the level asked for, an
 * unresolved one always a warning. `howToAcknowledge` says the right form in the input's terms.
 */
export function findingOutcome(
  finding: WordedFinding, acknowledgement: Acknowledgement | undefined, level: 'error' | 'warning', howToAcknowledge: string,
): Pick<CheckedResource, 'ruleId' | 'acknowledged' | 'message' | 'severity'> {
  if (acknowledgement && hasReason(acknowledgement)) {
    return { ruleId: finding.ruleId, acknowledged: acknowledgement.reason, message: finding.message, severity: 'note' };
  }
  const refused = acknowledgement
    ? ` The acknowledgement in ${acknowledgement.where} has no reason, so it is refused: ${howToAcknowledge}.`
    : '';
  const severity: Severity = !acknowledgement && (finding.unresolved || level === 'warning') ? 'warning' : 'error';
  return { ruleId: finding.ruleId, acknowledged: null, message: `${finding.message}${refused}`, severity };
}
