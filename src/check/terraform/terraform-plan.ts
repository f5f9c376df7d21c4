import { StructuredText } from '../structured-text';
import { TerraformSubject } from './terraform-subject';

/** True for the JSON of `terraform show -json plan.out`. */
export function isTerraformPlan(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'format_version' in value
    && ('planned_values' in value || 'resource_changes' in value);
}

/** Every bucket of a plan, and every lifecycle configuration of a bucket the plan does not hold, to judge. */
export function terraformPlanSubjects(_plan: StructuredText, _file: string): TerraformSubject[] {
  return [];
}
