import { safeLine } from './safe-text';
import { CheckedResource, CheckResult, InputError } from '../check-result';

/**
 * The report as a compiler prints it: `file:line:col: error MultipartUpload-MPU1 Bucket: ...` for
 * each unacknowledged finding, one line for each input that could not be read, then a summary.
 * Each line is escaped (see safeLine): what came from the input cannot break it, drive the terminal
 * or become a CI workflow command.
 */
export function renderText(result: CheckResult): string {
  const findings = result.resources.filter(resource => resource.severity !== 'note').map(findingLine);
  const errors = result.errors.map(errorLine);
  return [...findings, ...errors, summaryLine(result)].map(line => `${safeLine(line)}\n`).join('');
}

function findingLine(resource: CheckedResource): string {
  const where = resource.stack === undefined ? resource.id : `${resource.id} (stack ${resource.stack})`;
  return `${resource.file}:${resource.line}:${resource.column}: ${resource.severity} ${resource.ruleId} ${where}: ${resource.message}`;
}

function errorLine(error: InputError): string {
  return `${error.file}${error.line === null ? '' : `:${error.line}`}: error: ${error.message}`;
}

/** `12 buckets in 5 templates: 3 errors, 1 warning, 2 acknowledged, 6 compliant; 1 input could not be read`. */
export function summaryLine(result: CheckResult): string {
  const count = (severity: string) => result.resources.filter(resource => resource.severity === severity).length;
  const acknowledged = result.resources.filter(resource => resource.acknowledged !== null).length;
  const compliant = result.resources.filter(resource => resource.ruleId === null).length;
  const parts = [
    plural(count('error'), 'error'), plural(count('warning'), 'warning'), `${acknowledged} acknowledged`, `${compliant} compliant`,
  ];
  const unreadable = result.errors.length === 0 ? '' : `; ${plural(result.errors.length, 'input')} could not be read`;
  return `mpu-check: ${plural(result.resources.length, 'bucket')} in ${inputsRead(result)}: ${parts.join(', ')}${unreadable}`;
}

/** `5 templates`, or with Terraform `2 templates, 1 Terraform module and 1 plan`. */
function inputsRead(result: CheckResult): string {
  const terraform = [
    result.terraformModulesChecked ? plural(result.terraformModulesChecked, 'Terraform module') : '',
    result.terraformPlansChecked ? plural(result.terraformPlansChecked, 'Terraform plan') : '',
  ].filter(part => part !== '');
  const parts = [...(result.templatesChecked > 0 || terraform.length === 0 ? [plural(result.templatesChecked, 'template')] : []), ...terraform];
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
