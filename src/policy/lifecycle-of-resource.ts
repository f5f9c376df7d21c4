import { CfnResource, Stack } from 'aws-cdk-lib';
import { lifecycleFromCloudFormation } from './from-cloudformation';
import { LifecycleView } from './lifecycle-view';

interface RenderedTemplate {
  readonly Resources?: Record<string, { readonly Properties?: Record<string, unknown> }>;
}

/**
 * The lifecycle rules of a bucket resource as they will be written to the
 * template, property overrides included: the template is the truth.
 */
export function lifecycleOfResource(resource: CfnResource): LifecycleView {
  const rendered: RenderedTemplate = Stack.of(resource).resolve(resource._toCloudFormation());
  const [body] = Object.values(rendered.Resources ?? {});
  return lifecycleFromCloudFormation(body?.Properties?.LifecycleConfiguration);
}
