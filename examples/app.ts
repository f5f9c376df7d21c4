import { App, Duration, Stack } from 'aws-cdk-lib';
import { OrphanedUploadsMonitor, ResilientBucket } from '../src';

/** The demo app: what a team gets by swapping `s3.Bucket` for `ResilientBucket`, and a daily watch on the account. */
export function buildDemoApp(app: App = new App()): App {
  const stack = new Stack(app, 'MpuGuardDemo', { env: { region: 'eu-west-1' } });
  new ResilientBucket(stack, 'Uploads', { abortIncompleteUploadsAfter: Duration.days(3) });
  new OrphanedUploadsMonitor(stack, 'OrphanedUploads');
  return app;
}

if (require.main === module) {
  buildDemoApp().synth();
}
