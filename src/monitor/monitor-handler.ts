import { MONITOR_SETTINGS_VARIABLE, parseMonitorSettings } from './monitor-settings';
import { MetricsPort, MonitorRunResult, runMonitor } from './run-monitor';
import { AuditS3 } from '../audit/s3-port';

/**
 * Time kept back from the function's timeout: requests in flight when the deadline
 * fires finish (the function's S3 client cuts a request after 20 s without a byte),
 * and the metrics are published.
 */
export const DEADLINE_MARGIN_MS = 60_000;

/** The part of Lambda's context the monitor reads. */
export interface MonitorContext {
  getRemainingTimeInMillis(): number;
}

/** What the handler runs on: real clients in Lambda, the local S3 server and a fake in tests. */
export interface MonitorDependencies {
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly s3: AuditS3;
  readonly metrics: MetricsPort;
  /** Gets the run's result, for the log. */
  readonly log: (result: MonitorRunResult) => void;
  readonly now?: () => Date;
}

/** The scheduled function: audit, clean up if asked, publish, and log what the run covered. */
export function monitorHandler(dependencies: () => MonitorDependencies) {
  return async (_event: unknown, context: MonitorContext): Promise<MonitorRunResult> => {
    const deps = dependencies();
    const settings = parseMonitorSettings(deps.environment[MONITOR_SETTINGS_VARIABLE]);
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), Math.max(0, context.getRemainingTimeInMillis() - DEADLINE_MARGIN_MS));
    try {
      const result = await runMonitor(deps.s3, deps.metrics, settings, { signal: deadline.signal, now: deps.now?.() });
      deps.log(result);
      return result;
    } finally {
      clearTimeout(timer);
    }
  };
}
