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
  const value = resolvedProperty(resource, (resource as { lifecycleConfiguration?: unknown }).lifecycleConfiguration);
  if (value !== undefined && !isCamelCaseObject(value)) {
    return { found: false };
  }
  return { found: true, value };
}

/**
 * The property with its tokens resolved. A literal (plain JSON data, no token anywhere) is what
 * `Stack.resolve` would return, so it is used as it is: an L1 written with literal values then
 * costs no `Stack.resolve` call, which is most of the Aspect's time per bucket.
 */
function resolvedProperty(resource: CfnResource, value: unknown): unknown {
  return isLiteral(value) ? value : Stack.of(resource).resolve(value);
}

/**
 * True for JSON data that `Stack.resolve` returns unchanged (as an equal copy): strings and keys
 * without a token marker, numbers outside the range of encoded number tokens, booleans, null, and
 * plain objects and arrays of those, with no undefined inside (resolve drops it). Anything else,
 * tokens, `IResolvable`s, class instances, is left to `Stack.resolve`.
 */
export function isLiteral(value: unknown): boolean {
  switch (typeof value) {
    case 'undefined':
    case 'boolean':
      return true;
    case 'string':
      return !mayHoldToken(value);
    case 'number':
      // The range CDK's resolve passes through as a plain number; encoded number tokens lie outside it.
      return value > -1e287 && value < 1e287;
    case 'object':
      return value === null || (Array.isArray(value) ? isLiteralArray(value) : isLiteralObject(value));
    default:
      return false;
  }
}

function isLiteralArray(values: unknown[]): boolean {
  for (const item of values) {
    if (item === undefined || !isLiteral(item)) return false;
  }
  return true;
}

function isLiteralObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  // Resolve refuses an object that looks like a construct; let it.
  if ((prototype !== Object.prototype && prototype !== null) || ('_children' in value && '_metadata' in value)) {
    return false;
  }
  for (const [key, item] of Object.entries(value)) {
    if (mayHoldToken(key) || item === undefined || !isLiteral(item)) return false;
  }
  return true;
}

/** The markers CDK's resolve looks for: encoded string and list tokens, and stringified number tokens. */
function mayHoldToken(text: string): boolean {
  return text.includes('Token[') || text.includes('e+289');
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
