import { acknowledgementInMetadata } from './acknowledgement';
import { CheckedResource } from './check-result';
import { findingOutcome } from './finding-outcome';
import { templateFindingFor } from './template-finding';
import { Acknowledgement } from '../policy/acknowledgement';
import { BUCKET_RESOURCE_TYPES } from '../policy/bucket-types';
import { Evaluation } from '../policy/evaluate';
import { evaluateCloudFormationLifecycle } from '../policy/evaluate-cloudformation';
import { lifecycleOfProperties } from '../policy/lifecycle-of-properties';
import { TemplateResource } from '../policy/template-resources';
import { Verdict } from '../policy/verdict';

export interface JudgeOptions {
  readonly maxDays: number;
  /** How unacknowledged findings are reported; unresolved ones are always warnings. */
  readonly level: 'error' | 'warning';
}

/** Where a resource stands, for its result. */
export interface ResourcePlace {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly stack?: string;
}

/** True for the resources mpu-check judges. */
export function isBucket(resource: TemplateResource): boolean {
  return typeof resource.type === 'string' && BUCKET_RESOURCE_TYPES.includes(resource.type);
}

/**
 * The result for one bucket of a template: the evaluator's verdict, and for a finding its
 * acknowledgement, from the resource's Metadata or from `elsewhere` (a CDK app's
 * `Validations.of(scope).acknowledge`).
 */
export function judgeBucket(
  resource: TemplateResource, place: ResourcePlace, options: JudgeOptions,
  elsewhere: (ruleId: string) => Acknowledgement | undefined = () => undefined,
): CheckedResource {
  const evaluation = evaluateBucket(resource, options.maxDays);
  const base = { ...place, id: resource.logicalId, type: String(resource.type), verdict: evaluation.verdict };
  const finding = templateFindingFor(evaluation, options.maxDays);
  if (!finding) {
    return { ...base, ruleId: null, acknowledged: null, message: sentence(evaluation.reason), severity: 'note' };
  }
  const acknowledgement = acknowledgementInMetadata(resource.metadata, finding.ruleId) ?? elsewhere(finding.ruleId);
  return { ...base, ...findingOutcome(finding, acknowledgement, options.level, `give { id: ${finding.ruleId}, reason: ... }`) };
}

function evaluateBucket(resource: TemplateResource, maxDays: number): Evaluation {
  if (resource.unresolved !== undefined) {
    return { verdict: Verdict.UNRESOLVED, reason: resource.unresolved, unresolved: [resource.unresolved] };
  }
  return evaluateCloudFormationLifecycle(lifecycleOfProperties(resource.properties), { maxDays });
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
