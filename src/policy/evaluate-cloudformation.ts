import { chooseBranches, conditionAssignments, conditionsTestedIn, containsFnIf, MAX_CONDITIONS } from './condition-branches';
import { Evaluation, EvaluateOptions, evaluateLifecycle } from './evaluate';
import { lifecycleFromCloudFormation } from './from-cloudformation';
import { Verdict } from './verdict';

/**
 * Judges a CloudFormation `LifecycleConfiguration` (template PascalCase or resolved L1 camelCase).
 * Where it holds `Fn::If`, every combination of its conditions is judged (up to
 * {@link MAX_CONDITIONS} conditions): when all give the same verdict, that is the verdict;
 * otherwise it is UNRESOLVED, naming the conditions and what each combination gives.
 */
export function evaluateCloudFormationLifecycle(lifecycleConfiguration: unknown, options: EvaluateOptions = {}): Evaluation {
  // The Aspect's hot path: most configurations hold no Fn::If, and finding that out allocates nothing.
  if (!containsFnIf(lifecycleConfiguration)) {
    return evaluateLifecycle(lifecycleFromCloudFormation(lifecycleConfiguration), options);
  }
  const conditions = conditionsTestedIn(lifecycleConfiguration);
  const named = conditions.map(name => `Condition ${name}`);
  if (conditions.length > MAX_CONDITIONS) {
    return {
      verdict: Verdict.UNRESOLVED,
      reason: `the lifecycle rules depend on ${conditions.length} conditions, more than the ${MAX_CONDITIONS} whose combinations are judged: ${conditions.join(', ')}`,
      unresolved: named,
    };
  }
  const outcomes = conditionAssignments(conditions).map(assignment => ({
    assignment,
    evaluation: evaluateLifecycle(lifecycleFromCloudFormation(chooseBranches(lifecycleConfiguration, assignment)), options),
  }));
  const [first] = outcomes;
  const conditionList = conditions.join(', ');
  if (outcomes.every(({ evaluation }) => evaluation.verdict === first.evaluation.verdict)) {
    return agreed(outcomes.map(({ evaluation }) => evaluation), conditionList);
  }
  // Two conditions make four combinations, each said; more make up to 256, and one of each verdict is said.
  const said = outcomes.length <= SAID_COMBINATIONS
    ? outcomes
    : outcomes.filter((outcome, index) => outcomes.findIndex(other => other.evaluation.verdict === outcome.evaluation.verdict) === index);
  const byVerdict = said.map(({ assignment, evaluation }) =>
    `${evaluation.verdict} when ${[...assignment].map(([name, value]) => `${name} is ${value}`).join(' and ')}`);
  const others = outcomes.length - said.length;
  return {
    verdict: Verdict.UNRESOLVED,
    reason: `the verdict depends on the condition${conditions.length > 1 ? 's' : ''} ${conditionList}: ${byVerdict.join('; ')}`
      + `${others > 0 ? `; and ${others} other combinations` : ''}`,
    unresolved: named,
  };
}

/** The most combinations of conditions a reason lists one by one. */
const SAID_COMBINATIONS = 4;

/** The verdict every combination gave; for COMPLIANT, the latest abort any combination allows. */
function agreed(evaluations: Evaluation[], conditionList: string): Evaluation {
  const [first] = evaluations;
  const days = evaluations.map(evaluation => evaluation.abortDays).filter((d): d is number => d !== undefined);
  const latest = days.length === evaluations.length ? Math.max(...days) : undefined;
  const unresolved = [...new Set(evaluations.flatMap(evaluation => evaluation.unresolved ?? []))];
  const representative = evaluations.find(evaluation => evaluation.abortDays === latest) ?? first;
  return {
    ...representative,
    abortDays: latest,
    reason: `${representative.reason} (whichever way ${conditionList} go${conditionList.includes(',') ? '' : 'es'})`,
    ...unresolved.length > 0 ? { unresolved } : {},
  };
}
