import { EvaluationError, isKnown, isObjectValue, isReference, isUnknown, TerraformValue, Unknown } from './terraform-value';

/** An argument, evaluated when the function asks for it (`try` and `can` catch its errors). */
export type LazyArgument = () => Promise<TerraformValue>;

type Fn = (args: TerraformValue[], expression: string) => TerraformValue;

/**
 * Calls one of Terraform's built-in functions that lifecycle rules and their modules commonly use;
 * any other function is an Unknown that names it. An argument not known before apply makes the
 * result unknown, as in Terraform.
 */
export async function callFunction(
  name: string, lazyArgs: readonly LazyArgument[], expression: string, spreadLast: boolean,
): Promise<TerraformValue> {
  if (name === 'try') return tryEach(lazyArgs, expression);
  if (name === 'can') return canEvaluate(lazyArgs[0]);
  const fn = FUNCTIONS[name];
  if (fn === undefined) return new Unknown(expression, `mpu-check does not evaluate the function ${name}()`);
  const args = await Promise.all(lazyArgs.map(arg => arg()));
  if (spreadLast) {
    const last = args.pop();
    if (isUnknown(last)) return last;
    args.push(...asList(last ?? [], expression));
  }
  const unknown = args.find(arg => !isKnown(arg) && !TOLERATE_UNKNOWN.has(name));
  if (unknown !== undefined) return isUnknown(unknown) ? unknown : new Unknown(expression, 'an attribute of another resource, known after apply');
  return fn(args, expression);
}

async function tryEach(lazyArgs: readonly LazyArgument[], expression: string): Promise<TerraformValue> {
  for (const arg of lazyArgs) {
    try {
      return await arg();
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
    }
  }
  throw new EvaluationError(`${expression}: no argument of try() could be evaluated`);
}

async function canEvaluate(arg: LazyArgument | undefined): Promise<TerraformValue> {
  try {
    const value = arg ? await arg() : null;
    return isUnknown(value) ? value : true;
  } catch (error) {
    if (error instanceof EvaluationError) return false;
    throw error;
  }
}

/** Functions whose result may not depend on an unknown argument (lookup of a known key in a partly known map). */
const TOLERATE_UNKNOWN = new Set(['lookup', 'merge', 'concat', 'length', 'keys', 'coalesce', 'element']);

const FUNCTIONS: Record<string, Fn> = {
  lookup: ([map, key, fallback], expression) => {
    if (isUnknown(map)) return map;
    const object = asObject(map, expression);
    if (String(key) in object) return object[String(key)];
    if (fallback === undefined) throw new EvaluationError(`${expression}: no key ${JSON.stringify(key)}`);
    return fallback;
  },
  coalesce: (args, expression) => {
    for (const arg of args) {
      if (isUnknown(arg) || isReference(arg)) return new Unknown(expression, 'an argument is not known before apply');
      if (arg !== null && arg !== '') return arg;
    }
    throw new EvaluationError(`${expression}: every argument is null or empty`);
  },
  coalescelist: args => args.find(arg => Array.isArray(arg) && arg.length > 0) ?? [],
  concat: (args, expression) => {
    const unknown = args.find(isUnknown);
    return unknown ?? args.flatMap(arg => asList(arg, expression));
  },
  merge: (args, expression) => {
    const unknown = args.find(isUnknown);
    return unknown ?? Object.assign({}, ...args.filter(arg => arg !== null).map(arg => asObject(arg, expression)));
  },
  flatten: (args, expression) => flattenList(asList(args[0], expression)),
  length: ([value], expression) => {
    if (isUnknown(value)) return value;
    if (typeof value === 'string') return [...value].length;
    return Array.isArray(value) ? value.length : Object.keys(asObject(value, expression)).length;
  },
  keys: ([value], expression) => (isUnknown(value) ? value : Object.keys(asObject(value, expression)).sort()),
  values: ([value], expression) => {
    const object = asObject(value, expression);
    return Object.keys(object).sort().map(key => object[key]);
  },
  element: ([list, index], expression) => {
    if (isUnknown(list)) return list;
    const items = asList(list, expression);
    if (items.length === 0) throw new EvaluationError(`${expression}: the list is empty`);
    return items[Number(index) % items.length];
  },
  one: ([value], expression) => {
    const items = asList(value, expression);
    if (items.length > 1) throw new EvaluationError(`${expression}: more than one element`);
    return items[0] ?? null;
  },
  contains: ([list, value], expression) => asList(list, expression).some(item => JSON.stringify(item) === JSON.stringify(value)),
  distinct: ([list], expression) => uniqueOf(asList(list, expression)),
  compact: ([list], expression) => asList(list, expression).filter(item => item !== null && item !== ''),
  tolist: ([value], expression) => asList(value, expression),
  toset: ([value], expression) => uniqueOf(asList(value, expression)),
  tomap: ([value], expression) => asObject(value, expression),
  tostring: ([value]) => (value === null ? null : String(value)),
  tonumber: ([value], expression) => {
    if (value === null) return null;
    const number = Number(value);
    if (Number.isNaN(number)) throw new EvaluationError(`${expression}: not a number`);
    return number;
  },
  tobool: ([value], expression) => {
    if (value === null || typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new EvaluationError(`${expression}: not a bool`);
  },
  zipmap: ([keys, values], expression) => {
    const valueList = asList(values, expression);
    return Object.fromEntries(asList(keys, expression).map((key, index) => [String(key), valueList[index]]));
  },
  range: args => {
    const [start, end, step] = args.length === 1 ? [0, Number(args[0]), 1] : [Number(args[0]), Number(args[1]), Number(args[2] ?? 1)];
    const result: number[] = [];
    for (let value = start; step > 0 ? value < end : value > end; value += step) result.push(value);
    return result;
  },
  max: args => Math.max(...args.map(Number)),
  min: args => Math.min(...args.map(Number)),
  abs: ([value]) => Math.abs(Number(value)),
  floor: ([value]) => Math.floor(Number(value)),
  ceil: ([value]) => Math.ceil(Number(value)),
  lower: ([value]) => String(value).toLowerCase(),
  upper: ([value]) => String(value).toUpperCase(),
  trimspace: ([value]) => String(value).trim(),
  join: ([separator, ...lists], expression) => lists.flatMap(list => asList(list, expression)).map(String).join(String(separator)),
  split: ([separator, text]) => String(text).split(String(separator)),
  replace: ([text, search, replacement]) => String(text).split(String(search)).join(String(replacement)),
  startswith: ([text, prefix]) => String(text).startsWith(String(prefix)),
  endswith: ([text, suffix]) => String(text).endsWith(String(suffix)),
  format: ([spec, ...args], expression) => formatted(String(spec), args, expression),
  jsondecode: ([text], expression) => {
    if (typeof text !== 'string') throw new EvaluationError(`${expression}: jsondecode needs a string`);
    try {
      return JSON.parse(text) as TerraformValue;
    } catch {
      throw new EvaluationError(`${expression}: not valid JSON`);
    }
  },
  jsonencode: ([value]) => JSON.stringify(value),
  alltrue: ([list], expression) => asList(list, expression).every(item => item === true || item === 'true'),
  anytrue: ([list], expression) => asList(list, expression).some(item => item === true || item === 'true'),
};

function formatted(spec: string, args: TerraformValue[], expression: string): string {
  let next = 0;
  return spec.replace(/%(%|[sdvq])/g, (_match, verb: string) => {
    if (verb === '%') return '%';
    if (next >= args.length) throw new EvaluationError(`${expression}: too few arguments for the format`);
    const arg = args[next++];
    return verb === 'q' ? JSON.stringify(String(arg)) : verb === 'd' ? String(Math.trunc(Number(arg))) : typeof arg === 'object' ? JSON.stringify(arg) : String(arg);
  });
}

function asList(value: TerraformValue, expression: string): TerraformValue[] {
  if (Array.isArray(value)) return value;
  if (value === null) return [];
  throw new EvaluationError(`${expression}: expected a list, got ${isObjectValue(value) ? 'an object' : typeof value}`);
}

function asObject(value: TerraformValue, expression: string): Record<string, TerraformValue> {
  if (isObjectValue(value)) return value;
  throw new EvaluationError(`${expression}: expected a map or object, got ${Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value}`);
}

function flattenList(items: TerraformValue[]): TerraformValue[] {
  return items.flatMap(item => (Array.isArray(item) ? flattenList(item) : [item]));
}

function uniqueOf(items: TerraformValue[]): TerraformValue[] {
  const seen = new Set<string>();
  return items.filter(item => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
