import { findingFingerprint, reportPath } from './finding-fingerprint';
import { markdownText, safeJson } from './safe-text';
import { CheckedResource, CheckResult } from '../check-result';

/** One issue of a GitLab Code Quality report: the subset of the Code Climate spec GitLab reads. */
export interface CodeQualityIssue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  readonly location: { readonly path: string; readonly lines: { readonly begin: number } };
}

/**
 * GitLab's Code Quality report (`artifacts: reports: codequality`): one issue per unacknowledged
 * finding, at the resource's line. Acknowledged findings and compliant buckets are left out, and so
 * are inputs that could not be read (the CLI reports those on stderr and in its exit code).
 *
 * The fingerprint is what GitLab compares between the source and the target branch, and it shows
 * findings with the same fingerprint as one: it is made of the file, the stack, the logical id and
 * the rule, not the line, so a finding keeps it when lines above it move; were two findings to
 * share it, the later ones get their position in the report mixed in.
 *
 * GitLab has rendered the description as Markdown, so its logical id, stack and message are
 * escaped for it (see markdownText); the path and every other string are as they were (see safeJson).
 */
export function renderGitlabCodeQuality(result: CheckResult): string {
  const taken = new Set<string>();
  const issues = result.resources
    .filter(resource => resource.ruleId !== null && resource.acknowledged === null)
    .map(resource => issueOf(resource, taken));
  return `${safeJson(JSON.stringify(issues, null, 2))}\n`;
}

function issueOf(resource: CheckedResource, taken: Set<string>): CodeQualityIssue {
  const path = reportPath(resource.file);
  const where = resource.stack === undefined ? resource.id : `${resource.id} (stack ${resource.stack})`;
  let fingerprint = findingFingerprint(resource);
  for (let occurrence = 2; taken.has(fingerprint); occurrence++) {
    fingerprint = findingFingerprint(resource, String(occurrence));
  }
  taken.add(fingerprint);
  return {
    description: `${resource.ruleId} ${markdownText(where)}: ${markdownText(resource.message)}`,
    check_name: resource.ruleId ?? '',
    fingerprint,
    severity: resource.severity === 'error' ? 'major' : 'minor',
    location: { path, lines: { begin: resource.line } },
  };
}
