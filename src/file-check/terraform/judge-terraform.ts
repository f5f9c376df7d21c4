import { Evaluation, evaluateLifecycle } from '../../policy/evaluate';
import { Verdict } from '../../policy/verdict';
import { CheckedResource } from '../check-result';
import { findingOutcome } from '../finding-outcome';
import { JudgeOptions } from '../judge-template';
import { terraformFindingFor } from './terraform-finding';
import { TerraformInstance, TerraformSubject } from './terraform-subject';

/** What Terraform cannot know before it applies a plan is what mpu-check cannot judge. */
const KNOWN_AT = 'before apply';

interface JudgedInstance {
  readonly instance: TerraformInstance;
  readonly evaluation: Evaluation;
  /** What is said beside the verdict. */
  readonly notes: readonly string[];
}

/**
 * The result for one Terraform bucket: every instance judged by the evaluator, and when they
 * differ, the worst one reported under the block's address with its key named.
 */
export function judgeTerraformSubject(subject: TerraformSubject, options: JudgeOptions): CheckedResource | undefined {
  const judged = subject.instances.map(instance => judgeInstance(instance, options.maxDays));
  const shown = worstOf(judged);
  if (shown === undefined) return undefined;
  const base = { ...subject.place, id: subject.address, type: subject.type, verdict: shown.evaluation.verdict };
  const about = aboutInstances(shown, judged, shown.instance.rulesIn ?? subject.rulesIn);
  const notes = shownNotes(shown.notes).map(note => ` ${note}`).join('');
  const finding = terraformFindingFor(shown.evaluation, options.maxDays, shown.instance.style);
  if (!finding) {
    return { ...base, ruleId: null, acknowledged: null, message: `${about}${startsSentence(about, true) ? capitalized(shown.evaluation.reason) : shown.evaluation.reason}.${notes}`, severity: 'note' };
  }
  const message = `${about}${startsSentence(about, false) ? capitalized(finding.text) : finding.text}${notes}`;
  const outcome = findingOutcome({ ...finding, message }, subject.acknowledgements?.get(finding.ruleId), options.level,
    `write # mpu-check:acknowledge ${finding.ruleId} <reason>`);
  return { ...base, ...outcome };
}

/** The results for Terraform buckets, in order, each judged as it is taken: a subject with no instance has none. */
export function* judgeTerraformSubjects(subjects: readonly TerraformSubject[], options: JudgeOptions): Generator<CheckedResource, void> {
  for (const subject of subjects) {
    const judged = judgeTerraformSubject(subject, options);
    if (judged) yield judged;
  }
}

function judgeInstance(instance: TerraformInstance, maxDays: number): JudgedInstance {
  const notes = instance.notes ?? [];
  if (instance.unresolved !== undefined) {
    return { instance, notes, evaluation: { verdict: Verdict.UNRESOLVED, reason: instance.unresolved, unresolved: [instance.unresolved] } };
  }
  const evaluation = evaluateLifecycle(instance.lifecycle, { maxDays, knownAt: KNOWN_AT });
  const onlySome = instance.onlySome;
  if (onlySome === undefined) return { instance, notes, evaluation };
  if (evaluation.verdict !== Verdict.COMPLIANT) {
    // The named instances' finding holds whatever the others are; they are said beside it.
    return { instance, evaluation, notes: [`${capitalized(onlySome.rulesFor)}; ${onlySome.others}.`, ...notes] };
  }
  // Compliant rules on the named instances, none on any other: whether there are others is not known.
  const reason = `${onlySome.rulesFor} (${evaluation.reason}); ${onlySome.others}`;
  return { instance, notes, evaluation: { verdict: Verdict.UNRESOLVED, reason, unresolved: [onlySome.unknown] } };
}

/** The most notes said beside one verdict: a block of 1,024 instances or rules could write one for each. */
const MAX_NOTES = 5;

function shownNotes(notes: readonly string[]): readonly string[] {
  return notes.length <= MAX_NOTES ? notes : [...notes.slice(0, MAX_NOTES), `(${notes.length - MAX_NOTES} more notes like these.)`];
}

/** A finding S3 or the deploy would hit first, then a bucket left without abort, then one too late, then one not judged. */
const SEVERITY_ORDER: readonly Verdict[] = [
  Verdict.INVALID_RULE, Verdict.MISSING, Verdict.PARTIAL_COVERAGE, Verdict.TOO_LATE, Verdict.UNRESOLVED, Verdict.COMPLIANT,
];

/** The instance to report: the worst verdict, and of equal verdicts the latest abort, which bounds the others. */
function worstOf(judged: readonly JudgedInstance[]): JudgedInstance | undefined {
  let worst: JudgedInstance | undefined;
  for (const candidate of judged) {
    const order = worst === undefined ? -1 : SEVERITY_ORDER.indexOf(candidate.evaluation.verdict) - SEVERITY_ORDER.indexOf(worst.evaluation.verdict);
    if (worst === undefined || order < 0 || (order === 0 && (candidate.evaluation.abortDays ?? 0) > (worst.evaluation.abortDays ?? 0))) {
      worst = candidate;
    }
  }
  return worst;
}

function aboutInstances(shown: JudgedInstance, judged: readonly JudgedInstance[], rulesIn: string | undefined): string {
  const rules = rulesIn === undefined ? '' : `Rules in ${rulesIn}. `;
  // Named instances of a count or for_each not known: their finding names them, and there may be others.
  if (judged.length < 2 || shown.instance.onlySome !== undefined) return rules;
  const same = judged.filter(other => other.evaluation.verdict === shown.evaluation.verdict).length;
  if (same === judged.length) return `${rules}All ${judged.length} instances: `;
  const keys = judged.filter(other => other.evaluation.verdict === shown.evaluation.verdict).map(other => other.instance.key ?? '');
  return `${rules}${same} of ${judged.length} instances (${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ', ...' : ''}): `;
}

/** A new sentence after a full stop; a finding alone starts in lower case, as the templates' findings do. */
function startsSentence(about: string, alone: boolean): boolean {
  return about === '' ? alone : about.endsWith('. ');
}

function capitalized(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
