import { Duration, Size, Token } from 'aws-cdk-lib';
import { DEFAULT_MONITOR_NAMESPACE } from './monitor-metrics';
import { OrphanedUploadsMonitorProps } from './orphaned-uploads-monitor-props';
import { MonitorSettings } from './runtime/monitor-settings';
import { DEFAULT_CONCURRENCY } from '../audit/audit';
import { initiatorProblem } from '../audit/keep-rules';
import { BUCKET_NAME, BUCKET_NAME_RULE, MAX_PLAUSIBLE_DAYS } from '../facts/input-facts';
import { DEFAULT_MAX_DAYS } from '../policy/evaluate';
import { describeDuration, PropChecks } from '../props/prop-checks';

/** The props after defaults and checks: what the construct deploys. */
export interface ResolvedMonitorProps {
  readonly settings: MonitorSettings;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly alarmThresholdBytes: number;
  /** Whether the construct adds the alarm on AbortFailures. */
  readonly abortFailuresAlarm: boolean;
}

const DAY_SECONDS = 86400;
const NAMESPACE = /^[0-9A-Za-z._\-/#: ]{1,255}$/;
/** Lambda's limit for all environment variables together is 4 KB. */
const MAX_SETTINGS_LENGTH = 3500;

/** Applies the defaults and throws, naming the construct, the prop and the value, for what would fail at deploy or run time. */
export function resolveMonitorProps(check: PropChecks, props: OrphanedUploadsMonitorProps): ResolvedMonitorProps {
  const regions = props.regions ?? [];
  check.regions('regions', regions);
  const buckets = props.buckets ?? [];
  for (const bucket of buckets) {
    if (!Token.isUnresolved(bucket) && !BUCKET_NAME.test(bucket)) throw check.error(`buckets must hold S3 bucket names: ${BUCKET_NAME_RULE} (got '${bucket}')`);
  }
  const olderThan = props.olderThan ?? Duration.days(1);
  const olderThanSeconds = check.seconds('olderThan', olderThan);
  const maxDays = check.dayCount('maxDays', props.maxDays ?? DEFAULT_MAX_DAYS);
  const namespace = props.namespace ?? DEFAULT_MONITOR_NAMESPACE;
  if (!NAMESPACE.test(namespace) || namespace.trim() === '' || namespace.startsWith('AWS/')) {
    throw check.error(`namespace must be 1 to 255 letters, digits, spaces or . - _ / # :, not starting with 'AWS/' (got '${namespace}')`);
  }

  let abortOrphansOlderThanDays: number | null = null;
  if (props.abortOrphansOlderThan !== undefined) {
    abortOrphansOlderThanDays = check.days('abortOrphansOlderThan', props.abortOrphansOlderThan, { max: MAX_PLAUSIBLE_DAYS });
    const known = !Token.isUnresolved(abortOrphansOlderThanDays) && !Token.isUnresolved(olderThanSeconds);
    if (known && abortOrphansOlderThanDays * DAY_SECONDS < olderThanSeconds) {
      throw check.error(`abortOrphansOlderThan (${abortOrphansOlderThanDays} days) must be at least olderThan (${describeDuration(olderThan)}): younger uploads are in progress and never aborted`);
    }
  }
  const abortFailuresAlarm = abortFailuresAlarmOf(check, props);
  const keep = resolveKeepRules(check, props);
  if (props.fixLifecycleAbortAfter !== undefined && props.fixLifecycle !== true) {
    throw check.error('fixLifecycleAbortAfter sets the rule fixLifecycle adds: set fixLifecycle: true too, or drop fixLifecycleAbortAfter');
  }
  const fixLifecycleDays = props.fixLifecycle === true
    ? check.days('fixLifecycleAbortAfter', props.fixLifecycleAbortAfter ?? Duration.days(DEFAULT_MAX_DAYS), { max: Token.isUnresolved(maxDays) ? MAX_PLAUSIBLE_DAYS : maxDays })
    : null;

  const timeout = check.lambdaTimeout('timeout', props.timeout ?? Duration.minutes(15), 'the audit');
  const memorySize = check.lambdaMemory('memorySize', props.memorySize ?? 512);
  const concurrency = check.wholeNumber('concurrency', props.concurrency ?? DEFAULT_CONCURRENCY, { min: 1, max: 1000 });
  const threshold = props.orphanedBytesAlarmThreshold ?? Size.gibibytes(1);
  const alarmThresholdBytes = threshold.toBytes();
  if (!Token.isUnresolved(alarmThresholdBytes) && alarmThresholdBytes < 0) {
    throw check.error(`orphanedBytesAlarmThreshold must be 0 or more (got ${alarmThresholdBytes} bytes)`);
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
    ...keep,
    fixLifecycleDays,
  };
  if (JSON.stringify(settings).length > MAX_SETTINGS_LENGTH) {
    if (JSON.stringify({ ...settings, keepUploadsUnderPrefixes: [], keepUploadsInitiatedBy: [] }).length <= MAX_SETTINGS_LENGTH) {
      throw check.error('keepUploadsUnderPrefixes and keepUploadsInitiatedBy are longer than fit in the function\'s environment (4 KB): '
        + 'keep fewer, shorter prefixes, or a role ARN for all its sessions');
    }
    throw check.error(`buckets names ${buckets.length} buckets, more than fit in the function's environment (4 KB): leave buckets out to audit every bucket, or use regions`);
  }
  return { settings, timeout, memorySize, alarmThresholdBytes, abortFailuresAlarm };
}

/** On by default with clean-up; without clean-up there is nothing for it to watch. */
function abortFailuresAlarmOf(check: PropChecks, props: OrphanedUploadsMonitorProps): boolean {
  const cleaning = props.abortOrphansOlderThan !== undefined;
  if (props.abortFailuresAlarm === true && !cleaning) {
    throw check.error('abortFailuresAlarm watches the clean-up\'s AbortFailures: set abortOrphansOlderThan too, or drop abortFailuresAlarm');
  }
  const alarm = cleaning && props.abortFailuresAlarm !== false;
  if (props.abortFailuresAlarmName !== undefined && !alarm) {
    throw check.error(`abortFailuresAlarmName names the abort-failures alarm, which ${cleaning ? 'abortFailuresAlarm: false leaves out' : 'needs abortOrphansOlderThan'}: drop abortFailuresAlarmName`);
  }
  return alarm;
}

/** The uploads the clean-up keeps: only with a clean-up, each prefix and ID non-empty, ARNs of a principal's shape. */
function resolveKeepRules(check: PropChecks, props: OrphanedUploadsMonitorProps): Pick<MonitorSettings, 'keepUploadsUnderPrefixes' | 'keepUploadsInitiatedBy'> {
  const prefixes = props.keepUploadsUnderPrefixes ?? [];
  const initiators = props.keepUploadsInitiatedBy ?? [];
  for (const [prop, given] of [['keepUploadsUnderPrefixes', props.keepUploadsUnderPrefixes], ['keepUploadsInitiatedBy', props.keepUploadsInitiatedBy]] as const) {
    // An empty list keeps nothing, so it needs no clean-up (config that always passes a list).
    if (given !== undefined && given.length > 0 && props.abortOrphansOlderThan === undefined) {
      throw check.error(`${prop} keeps uploads out of the clean-up: set abortOrphansOlderThan too, or drop ${prop}`);
    }
  }
  for (const prefix of prefixes) {
    if (!Token.isUnresolved(prefix) && prefix === '') {
      throw check.error('keepUploadsUnderPrefixes must hold non-empty key prefixes such as \'resumable/\' (got \'\'): an empty one would keep every upload');
    }
  }
  for (const initiator of initiators) {
    const problem = Token.isUnresolved(initiator) ? undefined : initiatorProblem(initiator);
    if (problem !== undefined) throw check.error(`keepUploadsInitiatedBy ${problem} (got '${initiator}')`);
  }
  return { keepUploadsUnderPrefixes: prefixes, keepUploadsInitiatedBy: initiators };
}
