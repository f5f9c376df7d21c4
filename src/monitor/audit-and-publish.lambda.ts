import { CloudWatchMetrics } from './runtime/cloudwatch-metrics';
import { monitorHandler } from './runtime/monitor-handler';
import { SdkS3 } from '../s3/sdk-s3';

/** OrphanedUploadsMonitor's function: monitor-handler.ts on the real clients. */
export const handler = monitorHandler(() => ({
  environment: process.env,
  s3: new SdkS3({ region: process.env.AWS_REGION, readTimeoutMs: 20_000 }),
  metrics: new CloudWatchMetrics(),
  // One JSON line per run in the function's log: what it covered, and what it left out.
  // eslint-disable-next-line no-console
  log: result => console.log(JSON.stringify(result)),
}));
