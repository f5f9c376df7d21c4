import { createHash } from 'node:crypto';
import { CheckedResource } from '../check-result';

/**
 * What stays the same for a finding while lines above it move: its file (as reported), stack,
 * logical id and rule. Code scanning and GitLab match findings between commits by it.
 */
export function findingFingerprint(resource: CheckedResource, salt?: string): string {
  const parts = [reportPath(resource.file), resource.stack ?? '', resource.id, resource.ruleId ?? '', ...salt === undefined ? [] : [salt]];
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}

/** The path as given, with forward slashes and without a leading `./`, as CI services match it to the repository's files. */
export function reportPath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}
