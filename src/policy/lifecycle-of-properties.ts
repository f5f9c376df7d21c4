import { isRecord, isUnreadable } from './fields';

/**
 * The `LifecycleConfiguration` of a bucket's `Properties` as written in a template. Properties
 * chosen by `Fn::If` give an `Fn::If` of the two configurations, so that every combination is
 * judged; properties from another intrinsic (`Fn::Transform`) are that intrinsic, unresolved.
 */
export function lifecycleOfProperties(properties: unknown): unknown {
  if (isRecord(properties) && Array.isArray(properties['Fn::If']) && properties['Fn::If'].length === 3) {
    const [condition, ifTrue, ifFalse] = properties['Fn::If'] as unknown[];
    return { 'Fn::If': [condition, lifecycleOfProperties(ifTrue), lifecycleOfProperties(ifFalse)] };
  }
  if (isRecord(properties) && properties.Ref === 'AWS::NoValue') {
    return undefined;
  }
  if (isUnreadable(properties)) {
    return properties;
  }
  return isRecord(properties) ? properties.LifecycleConfiguration : undefined;
}
