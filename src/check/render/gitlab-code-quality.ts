import { createHash } from 'node:crypto';
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
 */
export function renderGitlabCodeQuality(result: CheckResult): string {
  const taken = new Set<string>();
  const issues = result.resources
    .filter(resource => resource.ruleId !== null && resource.acknowledged === null)
    .map(resource => issueOf(resource, taken));
  return `${JSON.stringify(issues, null, 2)}\n`;
}

function issueOf(resource: CheckedResource, taken: Set<string>): CodeQualityIssue {
  const path = reportPath(resource.file);
  const where = resource.stack === undefined ? resource.id : `${resource.id} (stack ${resource.stack})`;
  const identity = [path, resource.stack ?? '', resource.id, resource.ruleId ?? ''];
  let fingerprint = hash(identity);
  for (let occurrence = 2; taken.has(fingerprint); occurrence++) {
    fingerprint = hash([...identity, String(occurrence)]);
  }
  taken.add(fingerprint);
  return {
    description: `${resource.ruleId} ${where}: ${resource.message}`,
    check_name: resource.ruleId ?? '',
    fingerprint,
    severity: resource.severity === 'error' ? 'major' : 'minor',
    location: { path, lines: { begin: resource.line } },
  };
}

/** The path as given, with forward slashes and without a leading `./`, as GitLab matches it to the repository's files. */
function reportPath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

function hash(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}
