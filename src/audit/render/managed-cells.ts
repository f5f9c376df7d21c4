import { AuditReport, ManagedBy } from '../report';

/** The MANAGED cell of the table and markdown: `stack`, `tag`, `?` (tags not read) or `-` (no one). */
export function managedMarker(managedBy: ManagedBy | null): string {
  if (managedBy === null) return '-';
  return managedBy.kind === 'cloudformation' ? 'stack' : managedBy.kind === 'tag' ? 'tag' : '?';
}

/** The CSV's `managed_by` and `managed_by_name`: the kind, and the stack name, `key=value`, or why it is unknown. */
export function managedCsvFields(managedBy: ManagedBy | null): [string | null, string | null] {
  if (managedBy === null) return [null, null];
  switch (managedBy.kind) {
    case 'cloudformation':
      return ['cloudformation', managedBy.stackName];
    case 'tag':
      return ['tag', `${managedBy.key}=${managedBy.value}`];
    default:
      return ['unknown', managedBy.error];
  }
}

/** The notes under a human report that explain the MANAGED column; none when every bucket read is unmanaged. */
export function managedNotes(report: AuditReport): string[] {
  const read = report.buckets.filter(b => b.error === null);
  const count = (kind: ManagedBy['kind']) => read.filter(b => b.managedBy?.kind === kind).length;
  const [stacks, tags, unknown] = [count('cloudformation'), count('tag'), count('unknown')];
  const notes: string[] = [];
  if (stacks + tags > 0) {
    const by = [
      ...(stacks > 0 ? [`${buckets(stacks)} by a CloudFormation stack (stack)`] : []),
      ...(tags > 0 ? [`${buckets(tags)} by a tag given with --managed-tag (tag)`] : []),
    ];
    notes.push(`Managed: ${by.join(', ')}; --fix-lifecycle leaves managed buckets to their source. --format json names the stack or tag (managedBy).`);
  }
  if (unknown > 0) {
    notes.push(`The tags of ${buckets(unknown)} could not be read (?; --format json says why, most often a missing s3:GetBucketTagging): `
      + `whether a stack manages ${unknown === 1 ? 'it' : 'them'} is unknown, and --fix-lifecycle leaves ${unknown === 1 ? 'it' : 'them'} alone unless --fix-managed.`);
  }
  return notes;
}

function buckets(n: number): string {
  return `${n} ${n === 1 ? 'bucket' : 'buckets'}`;
}
