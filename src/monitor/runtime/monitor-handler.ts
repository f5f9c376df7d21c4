import { MONITOR_SETTINGS_VARIABLE, parseMonitorSettings } from './monitor-settings';
import { MetricsPort, MonitorRunResult, runMonitor } from './run-monitor';
import { LambdaContext, withDeadline } from '../../lambda/runtime/deadline';
import { S3Port } from '../../s3/s3-port';

/** What the handler runs on: real clients in Lambda, the local S3 server and a fake in tests. */
export interface MonitorDependencies {
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly s3: S3Port;
  readonly metrics: MetricsPort;
  /** Gets the run's result, for the log. */
  readonly log: (result: MonitorRunResult) => void;
  readonly now?: () => Date;
}

/** The scheduled function: audit, clean up if asked, publish, and log what the run covered. */
export function monitorHandler(dependencies: () => MonitorDependencies) {
  return async (_event: unknown, context: LambdaContext): Promise<MonitorRunResult> => {
    const deps = dependencies();
    const settings = parseMonitorSettings(deps.environment[MONITOR_SETTINGS_VARIABLE]);
    const result = await withDeadline(context, signal => runMonitor(deps.s3, deps.metrics, settings, { signal, now: deps.now?.() }));
    deps.log(result);
    return result;
  };
}
