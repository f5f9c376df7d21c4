import { RULES } from '../../policy/rule-catalogue';
import { CheckedResource, CheckResult, InputError } from '../check-result';
import { findingFingerprint } from './finding-fingerprint';
import { safeJson, sarifMessageText } from './safe-text';

export interface SarifOptions {
  readonly toolVersion: string;
  readonly maxDays: number;
}

const INFORMATION_URI = 'https://github.com/cdk-mpu-guard/cdk-mpu-guard';

/**
 * SARIF 2.1.0 for code scanning: one result per bucket with a finding (acknowledged ones carry
 * an in-source suppression with its reason), located at the resource; inputs that could not be
 * read are the run's tool notifications. Message texts are escaped for viewers that render embedded
 * links (see sarifMessageText); every other string is as it was (see safeJson).
 */
export function renderSarif(result: CheckResult, options: SarifOptions): string {
  const rules = RULES.map(rule => ({
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.shortDescription },
    fullDescription: { text: rule.fullDescription(options.maxDays) },
    help: { text: rule.help(options.maxDays), markdown: rule.helpMarkdown(options.maxDays) },
    defaultConfiguration: { level: rule.severity },
    properties: { tags: [...rule.tags] },
  }));
  const findings = result.resources.filter(resource => resource.ruleId !== null);
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'mpu-check', version: options.toolVersion, informationUri: INFORMATION_URI, rules } },
      results: findings.map(resource => resultOf(resource, rules.findIndex(rule => rule.id === resource.ruleId))),
      invocations: [{
        executionSuccessful: result.errors.length === 0,
        toolExecutionNotifications: result.errors.map(notificationOf),
      }],
    }],
  };
  return `${safeJson(JSON.stringify(sarif, null, 2))}\n`;
}

function resultOf(resource: CheckedResource, ruleIndex: number): object {
  return {
    ruleId: resource.ruleId,
    ruleIndex,
    level: resource.severity === 'warning' ? 'warning' : 'error',
    message: { text: sarifMessageText(`${resource.id}: ${resource.message}`) },
    partialFingerprints: { 'mpuCheckFinding/v1': findingFingerprint(resource) },
    locations: [{
      physicalLocation: { artifactLocation: { uri: uriOf(resource.file) }, region: { startLine: resource.line, startColumn: resource.column } },
      logicalLocations: [{ name: resource.id, fullyQualifiedName: resource.stack === undefined ? resource.id : `${resource.stack}/${resource.id}`, kind: 'resource' }],
    }],
    ...resource.acknowledged === null ? {} : { suppressions: [{ kind: 'inSource', justification: resource.acknowledged }] },
  };
}

function notificationOf(error: InputError): object {
  return {
    level: 'error',
    message: { text: sarifMessageText(error.message) },
    locations: [{
      physicalLocation: { artifactLocation: { uri: uriOf(error.file) }, ...error.line === null ? {} : { region: { startLine: error.line } } },
    }],
  };
}

/**
 * A relative path as a relative URI reference (forward slashes, escaped), as code scanning expects;
 * an absolute one (POSIX or Windows) as a file: URI, which code scanning maps below its checkout.
 */
function uriOf(file: string): string {
  const [first, ...rest] = file.split(/[\\/]/);
  if (/^[a-z]:$/i.test(first)) {
    return `file:///${first}/${rest.map(encodeURIComponent).join('/')}`;
  }
  const path = [first, ...rest].map(encodeURIComponent).join('/');
  return first === '' ? `file://${path}` : path.replace(/^(?:\.\/)+/, '');
}
