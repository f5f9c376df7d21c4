/**
 * The programmatic API of mpu-check: `import { checkPaths } from 'cdk-mpu-guard/check'`.
 * Not part of the jsii API (it returns plain TypeScript data), so it is not exported from the package index.
 */
export { checkPaths } from './check-paths';
export type { CheckOptions } from './check-options';
export { nodeCheckFs } from './check-fs';
export type { CheckFs } from './check-fs';
export { failingFindings } from './check-result';
export type { CheckedResource, CheckResult, InputError, Severity } from './check-result';
export { renderGitlabCodeQuality, renderJson, renderSarif, renderText, summaryLine } from './render';
export type { CodeQualityIssue, SarifOptions } from './render';
