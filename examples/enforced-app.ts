import { App, aws_s3 as s3, Stack, Stage, Validations } from 'aws-cdk-lib';
import { AbortIncompleteUploadsChecker, ResilientBucket } from '../src';

/**
 * An app with the checker on, for the demo and the end-to-end `cdk synth`
 * test. MPU_GUARD_CASE picks the variant: unsafe (a plain bucket), fixed,
 * acknowledged, or stage (the plain bucket inside a Stage).
 */
export function buildEnforcedApp(variant: string, app: App = new App()): App {
  AbortIncompleteUploadsChecker.applyTo(app);
  const scope = variant === 'stage' ? new Stage(app, 'Prod') : app;
  const stack = new Stack(scope, 'Enforced', { env: { region: 'eu-west-1' } });
  new ResilientBucket(stack, 'Uploads');
  if (variant === 'fixed') {
    new ResilientBucket(stack, 'Reports');
  } else {
    const reports = new s3.Bucket(stack, 'Reports', { enforceSSL: true });
    if (variant === 'acknowledged') {
      Validations.of(reports).acknowledge({ id: 'MultipartUpload-MPU1', reason: 'reports are written in one PUT, never in parts' });
    }
  }
  return app;
}

if (require.main === module) {
  buildEnforcedApp(process.env.MPU_GUARD_CASE ?? 'unsafe').synth();
}
