import { CfnResource, Stack } from 'aws-cdk-lib';
import { lifecycleFromCloudFormation } from '../policy/from-cloudformation';
import { LifecycleView } from '../policy/lifecycle-view';

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
  return lifecycleFromCloudFormation(lifecycleConfigurationOfResource(resource));
}

/** The bucket's `LifecycleConfiguration` as written to the template, tokens resolved. */
export function lifecycleConfigurationOfResource(resource: CfnResource): unknown {
  const typed = typedLifecycleProperty(resource);
  return typed.found ? typed.value : renderedProperties(resource).LifecycleConfiguration;
}

type TypedLifecycle = { readonly found: true; readonly value: unknown } | { readonly found: false };

/**
 * Rendering a whole bucket costs as much as synthesizing it. When the
 * template's `LifecycleConfiguration` can only come from the L1's
 * `lifecycleConfiguration` property (no raw overrides, camelCase shape that
 * the L1 maps field by field), resolving that one property gives the same
 * rules. Anything else is rendered in full.
 */
function typedLifecycleProperty(resource: CfnResource): TypedLifecycle {
  if (!('lifecycleConfiguration' in resource) || !hasNoRawOverrides(resource)) {
    return { found: false };
  }
  const value: unknown = Stack.of(resource).resolve((resource as { lifecycleConfiguration?: unknown }).lifecycleConfiguration);
  if (value !== undefined && !isCamelCaseObject(value)) {
    return { found: false };
  }
  return { found: true, value };
}

function hasNoRawOverrides(resource: CfnResource): boolean {
  const overrides: unknown = (resource as unknown as { rawOverrides?: unknown }).rawOverrides;
  return isPlainObject(overrides) && Object.keys(overrides).length === 0;
}

function isCamelCaseObject(value: unknown): boolean {
  return isPlainObject(value) && Object.keys(value).every(key => /^[a-z]/.test(key));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
