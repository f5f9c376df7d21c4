// Only the function's bundle loads this file, and esbuild puts the client into it: not a dependency of the package.
// eslint-disable-next-line import/no-extraneous-dependencies
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { MetricDatum } from '../monitor-metrics';
import { MetricsPort } from './run-monitor';

/** The metrics port on the AWS SDK: one PutMetricData per call. */
export class CloudWatchMetrics implements MetricsPort {
  constructor(private readonly client: CloudWatchClient = new CloudWatchClient({})) {}

  public async putMetricData(namespace: string, data: readonly MetricDatum[]): Promise<void> {
    await this.client.send(new PutMetricDataCommand({
      Namespace: namespace,
      MetricData: data.map(d => ({ ...d, Dimensions: d.Dimensions?.map(x => ({ ...x })) })),
    }));
  }
}
