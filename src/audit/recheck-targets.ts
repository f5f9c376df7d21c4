import { AbortTarget } from './abort-orphans';
import { formatDuration } from './duration';
import { describeDenied } from '../s3/errors';
import { Limiter } from '../s3/limiter';
import { listedUploads } from '../s3/listed-uploads';
import { S3Port } from '../s3/s3-port';

export interface RecheckOptions {
  /** An upload younger than this now is left alone, whatever the report said. */
  readonly olderThanSeconds: number;
  readonly now: Date;
  readonly limit: Limiter;
}

/** Where each target of a reviewed report stands now. */
export interface RecheckResult {
  /** Still incomplete, with the same key, upload id and start, and still older than the floor. */
  readonly current: AbortTarget[];
  /** No longer listed: completed or aborted since the report. */
  readonly gone: AbortTarget[];
  /** Listed, but not as the report has it: left alone, with the reason. */
  readonly leftAlone: Array<AbortTarget & { readonly why: string }>;
  /** Could not be checked: left alone, with the error. */
  readonly failed: Array<AbortTarget & { readonly error: string }>;
}

/**
 * Lists each target's key again (ListMultipartUploads with the key as prefix) and
 * sorts the targets by what the server holds now. Only the targets are looked up, so
 * an upload started after the report is never among the results.
 */
export async function recheckTargets(s3: S3Port, targets: readonly AbortTarget[], options: RecheckOptions): Promise<RecheckResult> {
  const result: RecheckResult = { current: [], gone: [], leftAlone: [], failed: [] };
  await Promise.all([...byKey(targets).values()].map(async sameKey => {
    const { bucket, region, key } = sameKey[0];
    try {
      const listed = await listedUploads(s3, { name: bucket, region }, key, new Set(sameKey.map(t => t.uploadId)), options.limit);
      for (const target of sameKey) sortTarget(target, listed.get(target.uploadId), options, result);
    } catch (error) {
      // A deleted bucket took its uploads with it.
      if ((error as { name?: string }).name === 'NoSuchBucket') {
        result.gone.push(...sameKey);
      } else {
        for (const target of sameKey) result.failed.push({ ...target, error: describeDenied(error, 's3:ListBucketMultipartUploads') });
      }
    }
  }));
  return result;
}

function sortTarget(target: AbortTarget, initiated: Date | undefined, options: RecheckOptions, result: RecheckResult): void {
  if (initiated === undefined) {
    result.gone.push(target);
  } else if (initiated.getTime() !== Date.parse(target.initiated)) {
    result.leftAlone.push({ ...target, why: `the server says it started ${initiated.toISOString()}, the report ${target.initiated}` });
  } else if (options.now.getTime() - initiated.getTime() < options.olderThanSeconds * 1000) {
    result.leftAlone.push({ ...target, why: `younger than ${formatDuration(options.olderThanSeconds)} now (has the clock moved back?)` });
  } else {
    result.current.push(target);
  }
}

/** The targets grouped by bucket and key, for one listing each; an upload a report lists twice is looked up once. */
function byKey(targets: readonly AbortTarget[]): Map<string, AbortTarget[]> {
  const groups = new Map<string, AbortTarget[]>();
  const seen = new Set<string>();
  for (const target of targets) {
    const upload = JSON.stringify([target.bucket, target.key, target.uploadId]);
    if (seen.has(upload)) continue;
    seen.add(upload);
    const id = JSON.stringify([target.bucket, target.key]);
    groups.set(id, [...groups.get(id) ?? [], target]);
  }
  return groups;
}
