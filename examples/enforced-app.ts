import { App, aws_s3 as s3, Stack, Stage, Validations } from 'aws-cdk-lib';
import { AbortIncompleteUploadsChecker, MultipartUploadChecks, ResilientBucket } from '../src';

/**
 * An app with enforcement on, for the demo and the end-to-end `cdk synth`
 * tests. `variant` (MPU_GUARD_CASE) picks the app: unsafe (a plain bucket),
 * fixed, acknowledged, or stage (the plain bucket inside a Stage). `check`
 * (MPU_GUARD_CHECK) picks the enforcement: the Aspect, or the cdk-nag pack
 * registered as a policy validation plugin.
 */
export function buildEnforcedApp(variant: string, app: App = new App(), check: string = 'aspect'): App {
  if (check === 'nag') {
    Validations.of(app).addPlugins(new MultipartUploadChecks(app));
  } else {
    AbortIncompleteUploadsChecker.applyTo(app);
  }
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
  buildEnforcedApp(process.env.MPU_GUARD_CASE ?? 'unsafe', new App(), process.env.MPU_GUARD_CHECK).synth();
}
