import { OrUnresolved, unresolved } from './lifecycle-view';

type Json = Record<string, unknown>;

/**
 * Reads `Name` or `name`: the same CloudFormation property arrives PascalCase
 * from a template and camelCase from a resolved CDK L1. A property set to
 * `{ Ref: AWS::NoValue }` is absent, as CloudFormation removes it.
 */
export function field(source: unknown, pascalName: string): unknown {
  if (!isRecord(source)) {
    return undefined;
  }
  const value = source[pascalName] ?? source[camelCaseOf(pascalName)];
  return isNoValue(value) ? undefined : value;
}

function isNoValue(value: unknown): boolean {
  return isRecord(value) && value.Ref === 'AWS::NoValue' && Object.keys(value).length === 1;
}

/** The Aspect reads these names for every bucket: each camelCase spelling is made once. */
const camelCaseNames = new Map<string, string>();

function camelCaseOf(pascalName: string): string {
  let camelName = camelCaseNames.get(pascalName);
  if (camelName === undefined) {
    camelName = pascalName.charAt(0).toLowerCase() + pascalName.slice(1);
    camelCaseNames.set(pascalName, camelName);
  }
  return camelName;
}

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a CDK token that was never resolved, or a CloudFormation intrinsic. */
export function isUnreadable(value: unknown): boolean {
  if (typeof value === 'string') {
    return value.includes('${Token[');
  }
  if (typeof value === 'number') {
    // CDK encodes number tokens as doubles near -1.888e289.
    return value < -1e289;
  }
  if (isRecord(value)) {
    const keys = Object.keys(value);
    return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
  }
  return false;
}

export function readString(value: unknown, fallback: string): OrUnresolved<string> {
  if (value === undefined || value === null) {
    return fallback;
  }
  if (isUnreadable(value) || typeof value === 'object') {
    // A mapping or list where CloudFormation wants a string: it refuses the template, so nothing is known.
    return unresolved(value);
  }
  return String(value);
}

function readNumber(value: unknown): OrUnresolved<number> | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (isUnreadable(value)) {
    return unresolved(value);
  }
  // A mapping or list is no number (and converting one could run its own valueOf).
  const parsed = typeof value === 'number' ? value : typeof value === 'object' ? NaN : Number(value);
  return Number.isNaN(parsed) ? unresolved(value) : parsed;
}

export function readEnabled(status: unknown): OrUnresolved<boolean> {
  if (isUnreadable(status)) {
    return unresolved(status);
  }
  return status === 'Enabled';
}

/**
 * The abort action's days: undefined when the rule has no abort action, null when the action has no
 * `DaysAfterInitiation` (CloudFormation's schema requires it, S3's API lists it as optional: either
 * way no upload is ever aborted by it).
 */
export function readAbortDays(rule: unknown): OrUnresolved<number> | null | undefined {
  const action = field(rule, 'AbortIncompleteMultipartUpload');
  if (action === undefined || action === null) {
    return undefined;
  }
  if (isUnreadable(action)) {
    return unresolved(action);
  }
  return readNumber(field(action, 'DaysAfterInitiation')) ?? null;
}

export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) {
    return false;
  }
  return !Array.isArray(value) || value.length > 0;
}

/**
 * Sets `key` as an own property of `target`, even `__proto__`, which a plain assignment takes as
 * the prototype: input decides the keys, and a key must stay a key.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
