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
  const byVerdict = outcomes.map(({ assignment, evaluation }) =>
    `${evaluation.verdict} when ${[...assignment].map(([name, value]) => `${name} is ${value}`).join(' and ')}`);
  return {
    verdict: Verdict.UNRESOLVED,
    reason: `the verdict depends on the condition${conditions.length > 1 ? 's' : ''} ${conditionList}: ${byVerdict.join('; ')}`,
    unresolved: named,
  };
}

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
