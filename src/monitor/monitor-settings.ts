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
  /** Add a whole-bucket abort rule with this DaysAfterInitiation where one is missing; null: no fix. */
  readonly fixLifecycleDays: number | null;
}

export const MONITOR_SETTINGS_VARIABLE = 'MPU_GUARD_MONITOR_SETTINGS';

/** Reads and checks the settings; a deploy that garbled them fails the run with a message, never audits with guesses. */
export function parseMonitorSettings(json: string | undefined): MonitorSettings {
  if (json === undefined || json === '') throw new Error(`${MONITOR_SETTINGS_VARIABLE} is not set: deploy the function with the OrphanedUploadsMonitor construct`);
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error(`${MONITOR_SETTINGS_VARIABLE} is not JSON: ${json.slice(0, 80)}`);
  }
  const wrong = (field: string, expected: string) => new Error(`${MONITOR_SETTINGS_VARIABLE}.${field} must be ${expected} (got ${JSON.stringify(value[field])})`);
  const text = (field: string) => {
    if (typeof value[field] !== 'string' || value[field] === '') throw wrong(field, 'a non-empty string');
    return value[field] as string;
  };
  const texts = (field: string) => {
    const list = value[field];
    if (!Array.isArray(list) || !list.every(item => typeof item === 'string' && item !== '')) throw wrong(field, 'a list of non-empty strings');
    return list as string[];
  };
  const whole = (field: string, min: number) => {
    if (!Number.isInteger(value[field]) || (value[field] as number) < min) throw wrong(field, `a whole number >= ${min}`);
    return value[field] as number;
  };
  const wholeOrNull = (field: string) => (value[field] === null ? null : whole(field, 1));
  const flag = (field: string) => {
    if (typeof value[field] !== 'boolean') throw wrong(field, 'true or false');
    return value[field] as boolean;
  };
  return {
    namespace: text('namespace'),
    regions: texts('regions'),
    buckets: texts('buckets'),
    olderThanSeconds: whole('olderThanSeconds', 0),
    maxDays: whole('maxDays', 1),
    concurrency: whole('concurrency', 1),
    perBucketMetrics: flag('perBucketMetrics'),
    abortOrphansOlderThanDays: wholeOrNull('abortOrphansOlderThanDays'),
    fixLifecycleDays: wholeOrNull('fixLifecycleDays'),
  };
}
