import { aws_cloudwatch as cloudwatch, Duration } from 'aws-cdk-lib';

/** Which bucket's request metrics, and through which metrics configuration. */
export interface RequestMetricsSource {
  readonly bucketName: string;
  /** The `FilterId` of a request-metrics configuration of the bucket. */
  readonly filterId: string;
}

/** One S3 request metric of the bucket, per 5 minutes unless `props` say otherwise. */
export function requestMetric(
  source: RequestMetricsSource, metricName: string, statistic: string, props?: cloudwatch.MetricOptions,
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/S3',
    metricName,
    dimensionsMap: { BucketName: source.bucketName, FilterId: source.filterId },
    statistic,
    period: Duration.minutes(5),
    ...props,
  });
}
