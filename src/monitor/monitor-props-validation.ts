import { Duration, Size, Token } from 'aws-cdk-lib';
import { DEFAULT_MONITOR_NAMESPACE } from './monitor-metrics';
import { OrphanedUploadsMonitorProps } from './orphaned-uploads-monitor-props';
import { MonitorSettings } from './runtime/monitor-settings';
import { DEFAULT_CONCURRENCY } from '../audit/audit';
import { DEFAULT_MAX_DAYS } from '../policy/evaluate';

/** The props after defaults and checks: what the construct deploys. */
export interface ResolvedMonitorProps {
  readonly settings: MonitorSettings;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly alarmThresholdBytes: number;
}

const DAY_SECONDS = 86400;
const MAX_DAYS_LIMIT = 36500;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const NAMESPACE = /^[0-9A-Za-z._\-/#: ]{1,255}$/;
/** Lambda's limit for all environment variables together is 4 KB. */
const MAX_SETTINGS_LENGTH = 3500;

/** Applies the defaults and throws, naming the prop and the value, for what would fail at deploy or run time. */
export function resolveMonitorProps(props: OrphanedUploadsMonitorProps): ResolvedMonitorProps {
  const regions = props.regions ?? [];
  for (const region of regions) {
    if (!Token.isUnresolved(region) && !REGION.test(region)) throw new Error(`regions must hold region names such as 'eu-west-1' (got '${region}')`);
  }
  const buckets = props.buckets ?? [];
  for (const bucket of buckets) {
    if (!Token.isUnresolved(bucket) && !BUCKET_NAME.test(bucket)) throw new Error(`buckets must hold S3 bucket names: 3 to 63 lowercase letters, digits, dots and hyphens (got '${bucket}')`);
  }
  const olderThanSeconds = wholeSeconds('olderThan', props.olderThan ?? Duration.days(1));
  const maxDays = wholeNumber('maxDays', props.maxDays ?? DEFAULT_MAX_DAYS, 1, MAX_DAYS_LIMIT);
  const namespace = props.namespace ?? DEFAULT_MONITOR_NAMESPACE;
  if (!NAMESPACE.test(namespace) || namespace.trim() === '' || namespace.startsWith('AWS/')) {
    throw new Error(`namespace must be 1 to 255 letters, digits, spaces or . - _ / # :, not starting with 'AWS/' (got '${namespace}')`);
  }

  let abortOrphansOlderThanDays: number | null = null;
  if (props.abortOrphansOlderThan !== undefined) {
    abortOrphansOlderThanDays = wholeDays('abortOrphansOlderThan', props.abortOrphansOlderThan, MAX_DAYS_LIMIT);
    if (abortOrphansOlderThanDays * DAY_SECONDS < olderThanSeconds) {
      throw new Error(`abortOrphansOlderThan (${abortOrphansOlderThanDays} days) must be at least olderThan (${props.olderThan!.toHumanString()}): younger uploads are in progress and never aborted`);
    }
  }
  if (props.fixLifecycleAbortAfter !== undefined && props.fixLifecycle !== true) {
    throw new Error('fixLifecycleAbortAfter sets the rule fixLifecycle adds: set fixLifecycle: true too, or drop fixLifecycleAbortAfter');
  }
  const fixLifecycleDays = props.fixLifecycle === true ? wholeDays('fixLifecycleAbortAfter', props.fixLifecycleAbortAfter ?? Duration.days(DEFAULT_MAX_DAYS), maxDays) : null;

  const timeout = props.timeout ?? Duration.minutes(15);
  const timeoutSeconds = wholeSeconds('timeout', timeout);
  if (timeoutSeconds < 120 || timeoutSeconds > 900) {
    throw new Error(`timeout must be from 2 to 15 minutes: the audit stops 60 s before it, and Lambda allows 15 (got ${timeout.toHumanString()})`);
  }
  const memorySize = wholeNumber('memorySize', props.memorySize ?? 512, 128, 10240);
  const concurrency = wholeNumber('concurrency', props.concurrency ?? DEFAULT_CONCURRENCY, 1, 1000);
  const threshold = props.orphanedBytesAlarmThreshold ?? Size.gibibytes(1);
  const alarmThresholdBytes = threshold.toBytes();
  if (!Token.isUnresolved(alarmThresholdBytes) && alarmThresholdBytes < 0) {
    throw new Error(`orphanedBytesAlarmThreshold must be 0 or more (got ${alarmThresholdBytes} bytes)`);
  }

  const settings: MonitorSettings = {
    namespace,
    regions,
    buckets,
    olderThanSeconds,
    maxDays,
    concurrency,
    perBucketMetrics: props.perBucketMetrics ?? true,
    abortOrphansOlderThanDays,
    fixLifecycleDays,
  };
  if (JSON.stringify(settings).length > MAX_SETTINGS_LENGTH) {
    throw new Error(`buckets names ${buckets.length} buckets, more than fit in the function's environment (4 KB): leave buckets out to audit every bucket, or use regions`);
  }
  return { settings, timeout, memorySize, alarmThresholdBytes };
}

function wholeNumber(prop: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${prop} must be a whole number from ${min} to ${max} (got ${value})`);
  return value;
}

function wholeSeconds(prop: string, duration: Duration): number {
  const millis = duration.toMilliseconds();
  if (!Number.isFinite(millis) || millis < 0 || millis % 1000 !== 0) {
    throw new Error(`${prop} must be a whole number of seconds, 0 or more (got ${duration.toHumanString()})`);
  }
  return millis / 1000;
}

function wholeDays(prop: string, duration: Duration, maxDays: number): number {
  const seconds = wholeSeconds(prop, duration);
  const days = seconds / DAY_SECONDS;
  if (!Number.isInteger(days) || days < 1 || days > maxDays) {
    throw new Error(`${prop} must be a whole number of days from 1 to ${maxDays} (got ${duration.toHumanString()})`);
  }
  return days;
}
