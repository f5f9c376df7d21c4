import { SettingsReader } from '../../lambda/runtime/settings-reader';

/** What the construct hands the monitor's function, as JSON in one environment variable. */
export interface MonitorSettings {
  readonly namespace: string;
  /** Only buckets in these regions; empty for every region. */
  readonly regions: string[];
  /** Only these buckets; empty for every bucket the role can list. */
  readonly buckets: string[];
  readonly olderThanSeconds: number;
  readonly maxDays: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
  readonly perBucketMetrics: boolean;
  /** Abort orphans at least this many days old; null: no clean-up. */
  readonly abortOrphansOlderThanDays: number | null;
  /** The clean-up keeps uploads whose key starts with one of these; empty without clean-up. */
  readonly keepUploadsUnderPrefixes: string[];
  /** The clean-up keeps uploads whose Initiator or Owner ID matches one of these (keep-rules.ts); empty without clean-up. */
  readonly keepUploadsInitiatedBy: string[];
  /** Add a whole-bucket abort rule with this DaysAfterInitiation where one is missing; null: no fix. */
  readonly fixLifecycleDays: number | null;
}

export const MONITOR_SETTINGS_VARIABLE = 'MPU_GUARD_MONITOR_SETTINGS';

/** Reads and checks the settings; a deploy that garbled them fails the run with a message, never audits with guesses. */
export function parseMonitorSettings(json: string | undefined): MonitorSettings {
  const read = new SettingsReader(MONITOR_SETTINGS_VARIABLE, json, 'OrphanedUploadsMonitor');
  return {
    namespace: read.text('namespace'),
    regions: read.texts('regions'),
    buckets: read.texts('buckets'),
    olderThanSeconds: read.whole('olderThanSeconds', 0),
    maxDays: read.whole('maxDays', 1),
    concurrency: read.whole('concurrency', 1),
    perBucketMetrics: read.flag('perBucketMetrics'),
    abortOrphansOlderThanDays: read.wholeOrNull('abortOrphansOlderThanDays', 1),
    keepUploadsUnderPrefixes: read.texts('keepUploadsUnderPrefixes'),
    keepUploadsInitiatedBy: read.texts('keepUploadsInitiatedBy'),
    fixLifecycleDays: read.wholeOrNull('fixLifecycleDays', 1),
  };
}
