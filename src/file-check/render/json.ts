import { safeJson } from './safe-text';
import { CheckResult } from '../check-result';

/** Every bucket found, compliant ones included, and every input that could not be read; the strings as they were (see safeJson). */
export function renderJson(result: CheckResult): string {
  const { resources, errors, templatesChecked, terraformModulesChecked, terraformPlansChecked } = result;
  return `${safeJson(JSON.stringify({ resources, errors, templatesChecked, terraformModulesChecked, terraformPlansChecked }, null, 2))}\n`;
}
