import { CfnResource, Stack } from 'aws-cdk-lib';
import { lifecycleFromCloudFormation } from './from-cloudformation';
import { LifecycleView } from './lifecycle-view';

interface RenderedTemplate {
  readonly Resources?: Record<string, { readonly Properties?: Record<string, any> }>;
}

/** The resource's properties as they will be written to the template, property overrides included. */
export function renderedProperties(resource: CfnResource): Record<string, any> {
  const rendered: RenderedTemplate = Stack.of(resource).resolve(resource._toCloudFormation());
  const [body] = Object.values(rendered.Resources ?? {});
  return body?.Properties ?? {};
}

/** The lifecycle rules of a bucket resource as written to the template: the template is the truth. */
export function lifecycleOfResource(resource: CfnResource): LifecycleView {
  return lifecycleFromCloudFormation(renderedProperties(resource).LifecycleConfiguration);
}
