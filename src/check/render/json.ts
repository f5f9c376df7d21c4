import { CheckResult } from '../check-result';

/** Every bucket found, compliant ones included, and every input that could not be read. */
export function renderJson(result: CheckResult): string {
  return `${JSON.stringify({ resources: result.resources, errors: result.errors, templatesChecked: result.templatesChecked }, null, 2)}\n`;
}
