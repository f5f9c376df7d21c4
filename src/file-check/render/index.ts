export { renderGitlabCodeQuality } from './gitlab-code-quality';
export type { CodeQualityIssue } from './gitlab-code-quality';
export { renderJson } from './json';
export { renderSarif } from './sarif';
export type { SarifOptions } from './sarif';
export { renderText, summaryLine } from './text';
