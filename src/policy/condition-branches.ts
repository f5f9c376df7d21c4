import { isRecord } from './fields';

/** The most conditions whose combinations are judged one by one: 2^8 = 256 evaluations at most. */
export const MAX_CONDITIONS = 8;

/** Stands for `{ Ref: AWS::NoValue }` while a branch is chosen: the property or list item is left out. */
const NO_VALUE = Symbol('AWS::NoValue');

/** The names of the conditions that `Fn::If` expressions inside `value` test, in order of appearance. */
export function conditionsTestedIn(value: unknown, found: Set<string> = new Set()): string[] {
  if (Array.isArray(value)) {
    value.forEach(item => conditionsTestedIn(item, found));
  } else if (isRecord(value)) {
    const branches = fnIf(value);
    if (branches) {
      found.add(branches[0]);
    }
    Object.values(value).forEach(item => conditionsTestedIn(item, found));
  }
  return [...found];
}

/**
 * True when `value` holds a well-formed `Fn::If` anywhere, that is when {@link conditionsTestedIn}
 * finds a condition: the cheap test before it.
 */
export function containsFnIf(value: unknown): boolean {
  if (Array.isArray(value)) {
    return value.some(containsFnIf);
  }
  if (!isRecord(value)) {
    return false;
  }
  if (fnIf(value)) {
    return true;
  }
  for (const key in value) {
    if (containsFnIf(value[key])) return true;
  }
  return false;
}

/** Every way the named conditions can go: 2^n assignments, the first all true. */
export function conditionAssignments(conditions: readonly string[]): Array<ReadonlyMap<string, boolean>> {
  return conditions.reduce<Array<Map<string, boolean>>>(
    (partial, name) => partial.flatMap(assignment => [true, false].map(value => new Map([...assignment, [name, value]]))),
    [new Map()],
  );
}

/**
 * `value` with each `Fn::If` replaced by the branch its condition takes, as CloudFormation
 * would deploy it: a branch that is `{ Ref: AWS::NoValue }` removes the property or list item.
 * Returns undefined when the whole value is removed.
 */
export function chooseBranches(value: unknown, assignment: ReadonlyMap<string, boolean>): unknown {
  const chosen = choose(value, assignment);
  return chosen === NO_VALUE ? undefined : chosen;
}

function choose(value: unknown, assignment: ReadonlyMap<string, boolean>): unknown {
  if (Array.isArray(value)) {
    return value.map(item => choose(item, assignment)).filter(item => item !== NO_VALUE);
  }
  if (!isRecord(value)) {
    return value;
  }
  if (isNoValue(value)) {
    return NO_VALUE;
  }
  const branches = fnIf(value);
  const taken = branches ? assignment.get(branches[0]) : undefined;
  if (branches && taken !== undefined) {
    return choose(taken ? branches[1] : branches[2], assignment);
  }
  const kept: Array<[string, unknown]> = [];
  for (const [key, item] of Object.entries(value)) {
    const chosen = choose(item, assignment);
    if (chosen !== NO_VALUE) {
      kept.push([key, chosen]);
    }
  }
  // Object.fromEntries keeps a key named __proto__ a key of its own, where an assignment would set the prototype.
  return Object.fromEntries(kept);
}

/** `[condition, ifTrue, ifFalse]` of a well-formed `{ Fn::If: [...] }`. */
function fnIf(value: Record<string, unknown>): [string, unknown, unknown] | undefined {
  const args = value['Fn::If'];
  if (Object.keys(value).length !== 1 || !Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') {
    return undefined;
  }
  return [args[0], args[1], args[2]];
}

function isNoValue(value: Record<string, unknown>): boolean {
  return Object.keys(value).length === 1 && value.Ref === 'AWS::NoValue';
}
