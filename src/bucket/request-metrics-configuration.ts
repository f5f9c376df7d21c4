import { aws_s3 as s3, Stack, Token } from 'aws-cdk-lib';
import { l2BucketOwning } from './bucket-of-resource';
import { PropChecks } from '../props/prop-checks';

const DEFAULT_FILTER_ID = 'EntireBucket';

/** A request-metrics configuration, its tokens resolved: camelCase, as the L1 takes it. */
interface MetricsEntry {
  readonly id?: unknown;
  readonly prefix?: unknown;
  readonly tagFilters?: unknown;
  readonly accessPointArn?: unknown;
}

/** The bucket's configurations, and how to add one beside them without dropping any. */
interface MetricsConfigurations {
  readonly entries: readonly MetricsEntry[];
  readonly add: (id: string) => void;
}

/** Throws unless `requested` could be the id of a metrics configuration; a token passes. */
export function checkRequestMetricsFilterId(check: PropChecks, requested: string | undefined): void {
  if (requested !== undefined && !Token.isUnresolved(requested) && !/^[A-Za-z0-9._-]{1,64}$/.test(requested)) {
    throw check.error(`requestMetricsFilterId must be 1 to 64 letters, digits, periods, dashes or underscores, as S3 requires of a metrics configuration id (got "${requested}")`);
  }
}

/**
 * The `FilterId` of a whole-bucket request-metrics configuration of `bucket`: `requested`, or else
 * the first whole-bucket one the bucket has, or else `EntireBucket`. Adds it when the bucket has no
 * configuration of that id; one of that id limited by a prefix, tags or an access point is an error.
 */
export function wholeBucketMetricsFilterId(bucket: s3.CfnBucket, requested: string | undefined, check: PropChecks): string {
  const stack = Stack.of(bucket);
  const configurations = metricsConfigurationsOf(bucket, check);
  const wholeBucket = configurations.entries.find(coversWholeBucket);
  const filterId = requested ?? (wholeBucket ? idAsString(wholeBucket.id) : DEFAULT_FILTER_ID);
  const resolvedId = JSON.stringify(stack.resolve(filterId));
  const same = configurations.entries.find(entry => JSON.stringify(entry.id) === resolvedId);
  if (same && !coversWholeBucket(same)) {
    throw check.error(`requestMetricsFilterId "${filterId}" names a metrics entry limited by a prefix or tags; the error alarms need a whole-bucket filter. Choose another requestMetricsFilterId.`);
  }
  if (!same) {
    configurations.add(filterId);
  }
  return filterId;
}

/**
 * On an L2, its metrics list (the L1 property is derived from it, so setting that would drop the
 * L2's entries and any added later); on an L1, its own list, appended to.
 */
function metricsConfigurationsOf(bucket: s3.CfnBucket, check: PropChecks): MetricsConfigurations {
  const stack = Stack.of(bucket);
  const current = bucket.metricsConfigurations;
  const owner = l2BucketOwning(bucket);
  if (owner && Token.isUnresolved(current)) {
    return { entries: stack.resolve(current) ?? [], add: id => owner.addMetric({ id }) };
  }
  if (current === undefined || Array.isArray(current)) {
    return {
      entries: (current ?? []).map(entry => stack.resolve(entry) as MetricsEntry),
      add: id => { bucket.metricsConfigurations = [...current ?? [], { id }]; },
    };
  }
  throw check.error('metricsConfigurations is a token, so no whole-bucket request-metrics configuration can be added beside it. '
    + 'Give the bucket its metricsConfigurations as a list, with a whole-bucket entry for the alarms to read.');
}

function coversWholeBucket(entry: MetricsEntry): boolean {
  if (typeof entry !== 'object' || entry === null) {
    return false;
  }
  const tags = entry.tagFilters;
  const hasTags = tags !== undefined && !(Array.isArray(tags) && tags.length === 0);
  return !entry.prefix && !hasTags && !entry.accessPointArn;
}

/** An id resolved from a token (a parameter, say) stands for that token again. */
function idAsString(id: unknown): string {
  return typeof id === 'string' ? id : Token.asString(id);
}
