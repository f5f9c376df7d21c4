import { formatted } from './hcl-format';
import { jsonText, numberText, TextNotFollowed } from './hcl-json-text';
import { isSetValue, rememberType, setOrder, unifiedPrimitives } from './hcl-unify';
import {
  EvaluationError, hasKey, isKnown, isObjectValue, isReference, isUnknown, numberOf, primitiveString, Reference, TerraformValue, Unknown,
} from './terraform-value';
import { setOwn } from '../../policy/fields';
import { INPUT_LIMITS } from '../input-limits';

/** An argument, evaluated when the function asks for it (`try` and `can` catch its errors). */
export interface LazyArgument {
  (): Promise<TerraformValue>;
  /** What the argument refers to that is not wholly known before apply, if anything: `try` and `can` are then not known either. */
  readonly unknownInput?: () => Promise<Unknown | Reference | undefined>;
}

/** Charges work to the evaluation's budget: a function's work grows with its arguments' size. */
export type Charge = (steps: number) => void;

type Fn = (args: TerraformValue[], expression: string) => TerraformValue;

/** Terraform's `range()` makes at most this many values, to bound its memory (go-cty's stdlib). */
const RANGE_VALUES = 1024;

/**
 * Calls one of Terraform's built-in functions that lifecycle rules and their modules commonly use;
 * any other function is an Unknown that names it. An argument not known before apply makes the
 * result unknown, as in Terraform. Arguments larger than mpu-check evaluates make it unknown too.
 */
export async function callFunction(
  name: string, lazyArgs: readonly LazyArgument[], expression: string, spreadLast: boolean, charge: Charge,
): Promise<TerraformValue> {
  if (name === 'try') return tryEach(lazyArgs, expression);
  if (name === 'can') return canEvaluate(lazyArgs[0], expression);
  const fn = hasKey(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (fn === undefined) return new Unknown(expression, `mpu-check does not evaluate the function ${name}()`);
  let args = await Promise.all(lazyArgs.map(arg => arg()));
  if (spreadLast) {
    const last = args.pop();
    if (isUnknown(last)) return last;
    args = args.concat(asList(last ?? [], expression));
  }
  const weight = weightOf(args, INPUT_LIMITS.valueLength);
  if (weight > INPUT_LIMITS.valueLength) return tooLarge(expression);
  charge(weight);
  const unknown = args.find(arg => !isKnown(arg) && !TOLERATE_UNKNOWN.has(name));
  if (unknown !== undefined) return isUnknown(unknown) ? unknown : new Unknown(expression, 'an attribute of another resource, known after apply');
  try {
    const result = fn(args, expression);
    return typeof result === 'string' && result.length > INPUT_LIMITS.valueLength ? tooLarge(expression) : result;
  } catch (error) {
    if (error instanceof ValueTooLarge) return tooLarge(expression);
    if (error instanceof TextNotFollowed) return new Unknown(expression, error.message);
    throw error;
  }
}

/**
 * Terraform's `try()`: the first argument that evaluates without an error. An argument that refers
 * to a value not known before apply makes it unknown; mpu-check keeps a reference to another
 * resource that evaluates without an error (`try(aws_s3_bucket.logs.id, "")`), which Terraform
 * knows only after apply, so that what it names can still be tied to it.
 */
async function tryEach(lazyArgs: readonly LazyArgument[], expression: string): Promise<TerraformValue> {
  for (const arg of lazyArgs) {
    const notKnown = await arg.unknownInput?.();
    if (isUnknown(notKnown)) return notKnown;
    try {
      return await arg();
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      if (notKnown !== undefined) return dependsOn(notKnown, expression);
    }
  }
  throw new EvaluationError(`${expression}: no argument of try() could be evaluated`);
}

/** Terraform's `can()`: whether its argument evaluates without an error, not known when it refers to a value not known before apply. */
async function canEvaluate(arg: LazyArgument | undefined, expression: string): Promise<TerraformValue> {
  const notKnown = await arg?.unknownInput?.();
  if (notKnown !== undefined) return dependsOn(notKnown, expression);
  try {
    const value = arg ? await arg() : null;
    // Terraform's can() of a value not wholly known is not known: what is not known in it may be refused.
    const notWhollyKnown = firstNotKnown(value);
    return notWhollyKnown === undefined ? true : dependsOn(notWhollyKnown, expression);
  } catch (error) {
    if (error instanceof EvaluationError) return false;
    throw error;
  }
}

/** The first unknown or reference in a value; undefined when it is wholly known. */
function firstNotKnown(value: TerraformValue): Unknown | Reference | undefined {
  if (isUnknown(value) || isReference(value)) return value;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const found = firstNotKnown(item);
    if (found !== undefined) return found;
  }
  return undefined;
}

function dependsOn(notKnown: Unknown | Reference, expression: string): Unknown {
  return isUnknown(notKnown) ? notKnown : new Unknown(expression, `it depends on ${notKnown.expression}, known after apply`);
}

/** Functions whose result may not depend on an unknown argument (lookup of a known key in a partly known map). */
const TOLERATE_UNKNOWN = new Set(['lookup', 'merge', 'concat', 'length', 'keys', 'coalesce', 'element', 'join', 'one']);

const FUNCTIONS: Record<string, Fn> = {
  lookup: ([map, key, fallback], expression) => {
    if (isUnknown(map)) return map;
    const object = asObject(map, expression);
    const name = asText(key, expression);
    if (hasKey(object, name)) return object[name];
    if (fallback === undefined) throw new EvaluationError(`${expression}: no key ${JSON.stringify(name)}`);
    return fallback;
  },
  coalesce: (args, expression) => {
    const known = args.every(isKnown);
    const values = known ? sameType(args, expression, 'coalesce') : args;
    if (isUnknown(values)) return values;
    for (const arg of values) {
      if (isUnknown(arg) || isReference(arg)) return new Unknown(expression, 'an argument is not known before apply');
      // An argument not known may be a string, to which Terraform would convert this one.
      if (!known && typeof arg !== 'string' && arg !== null) return new Unknown(expression, 'an argument is not known before apply, nor its type');
      if (arg !== null && arg !== '') return arg;
    }
    throw new EvaluationError(`${expression}: every argument is null or empty`);
  },
  coalescelist: (args, expression) => {
    if (!args.every(Array.isArray)) throw new EvaluationError(`${expression}: coalescelist arguments must be lists or tuples`);
    const found = args.find(arg => arg.length > 0);
    if (found === undefined) throw new EvaluationError(`${expression}: no non-null arguments`);
    return found;
  },
  concat: (args, expression) => {
    const unknown = args.find(isUnknown);
    return unknown ?? args.flatMap(arg => asList(arg, expression));
  },
  merge: (args, expression) => {
    const unknown = args.find(isUnknown);
    if (unknown) return unknown;
    const merged: Record<string, TerraformValue> = {};
    for (const arg of args.filter(item => item !== null)) {
      for (const [key, value] of Object.entries(asObject(arg, expression))) setOwn(merged, key, value);
    }
    return merged;
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
    // Only a set a variable's type or toset() of strings, numbers or bools made is known to be one here.
    if (isSetValue(list)) throw new EvaluationError(`${expression}: cannot read elements from a set`);
    const items = asList(list, expression);
    if (items.length === 0) throw new EvaluationError(`${expression}: the list is empty`);
    const at = asNumber(index, expression);
    if (!Number.isInteger(at) || at < 0) throw new EvaluationError(`${expression}: the index must be a whole number >= 0`);
    return items[at % items.length];
  },
  one: ([value], expression) => {
    if (isUnknown(value)) return value;
    if (value === null) throw new EvaluationError(`${expression}: argument must not be null`);
    const items = asList(value, expression);
    if (items.length > 1) throw new EvaluationError(`${expression}: more than one element`);
    return items[0] ?? null;
  },
  contains: ([list, value], expression) => asList(list, expression).some(item => JSON.stringify(item) === JSON.stringify(value)),
  distinct: ([list], expression) => {
    const elements = sameType(asList(list, expression), expression, 'distinct');
    return isUnknown(elements) ? elements : uniqueOf(elements);
  },
  // compact() takes a list of strings: numbers and bools become strings, a list or object is refused.
  compact: ([list], expression) => asList(list, expression).filter(item => item !== null).map(item => asText(item, expression)).filter(item => item !== ''),
  tolist: ([value], expression) => (value === null ? null : sameType(asList(value, expression), expression, 'tolist')),
  toset: ([value], expression) => {
    if (value === null) return null;
    const elements = sameType(asList(value, expression), expression, 'toset');
    if (isUnknown(elements)) return elements;
    const set = setOrder(uniqueOf(elements));
    if (set === undefined) return new Unknown(expression, 'mpu-check does not order a set of lists or objects as Terraform does');
    rememberSetOfPrimitives(set);
    return set;
  },
  tomap: ([value], expression) => {
    if (value === null) return null;
    const object = asObject(value, expression);
    const keys = Object.keys(object);
    const values = sameType(keys.map(key => object[key]), expression, 'tomap');
    if (isUnknown(values)) return values;
    const map: Record<string, TerraformValue> = {};
    keys.forEach((key, index) => setOwn(map, key, values[index]));
    return map;
  },
  tostring: ([value], expression) => (value === null ? null : asText(value, expression)),
  tonumber: ([value], expression) => {
    if (value === null || typeof value === 'number') return value;
    if (typeof value === 'string' && /^[+-]?inf(inity)?$/i.test(value)) return new Unknown(expression, 'mpu-check does not evaluate infinite numbers');
    const number = typeof value === 'string' && DECIMAL.test(value) ? Number(value) : NaN;
    if (Number.isNaN(number)) throw new EvaluationError(`${expression}: cannot convert ${kindOf(value)} to number`);
    return Number.isFinite(number) ? number : new Unknown(expression, 'a number larger than mpu-check evaluates');
  },
  tobool: ([value], expression) => asBoolOrNull(value, expression),
  zipmap: ([keys, values], expression) => {
    const valueList = asList(values, expression);
    const map: Record<string, TerraformValue> = {};
    asList(keys, expression).forEach((key, index) => setOwn(map, asText(key, expression), valueList[index]));
    return map;
  },
  range: (args, expression) => {
    const numbers = args.map(arg => asNumber(arg, expression));
    const [first, second] = numbers;
    const [start, end, step] = numbers.length === 1 ? [0, first, 1] : [first, second, numbers[2] ?? (second >= first ? 1 : -1)];
    if (step === 0 || Number.isNaN(start + end + step)) throw new EvaluationError(`${expression}: range needs numbers and a step other than 0`);
    const result: number[] = [];
    for (let value = start; step > 0 ? value < end : value > end; value += step) {
      if (result.length >= RANGE_VALUES) {
        throw new EvaluationError(`${expression}: more than ${RANGE_VALUES} values were generated, which Terraform's range() refuses`);
      }
      result.push(value);
    }
    return result;
  },
  max: (args, expression) => args.map(arg => asNumber(arg, expression)).reduce((a, b) => Math.max(a, b), -Infinity),
  min: (args, expression) => args.map(arg => asNumber(arg, expression)).reduce((a, b) => Math.min(a, b), Infinity),
  abs: ([value], expression) => Math.abs(asNumber(value, expression)),
  floor: ([value], expression) => Math.floor(asNumber(value, expression)),
  ceil: ([value], expression) => Math.ceil(asNumber(value, expression)),
  lower: ([value], expression) => asText(value, expression).toLowerCase(),
  upper: ([value], expression) => asText(value, expression).toUpperCase(),
  trimspace: ([value], expression) => asText(value, expression).trim(),
  join: ([separator, ...lists], expression) => {
    const whole = [separator, ...lists].find(value => isUnknown(value) || isReference(value));
    if (whole !== undefined) return isUnknown(whole) ? whole : new Unknown(expression, 'an attribute of another resource, known after apply');
    const elements = lists.flatMap(list => asList(list, expression));
    const notKnown = elements.find(value => !isKnown(value));
    // One element alone is joined to itself, as the string it is: `join("", aws_s3_bucket.logs[*].id)` is the bucket's id.
    if (isReference(notKnown) && elements.length === 1 && elements[0] === notKnown) {
      return new Reference(notKnown.address, notKnown.key, notKnown.attributes, expression);
    }
    if (notKnown !== undefined) return isUnknown(notKnown) ? notKnown : new Unknown(expression, 'an attribute of another resource, known after apply');
    const items = elements.map(item => asText(item, expression));
    const glue = asText(separator, expression);
    if (items.reduce((length, item) => length + item.length + glue.length, 0) > INPUT_LIMITS.valueLength) throw new ValueTooLarge();
    return items.join(glue);
  },
  split: ([separator, text], expression) => asText(text, expression).split(asText(separator, expression)),
  replace: ([text, search, replacement], expression) => {
    const [whole, find, put] = [asText(text, expression), asText(search, expression), asText(replacement, expression)];
    // Terraform's /regex/ form is RE2, linear in time; a JavaScript regular expression from the input may not be.
    if (find.length > 1 && find.startsWith('/') && find.endsWith('/')) return new Unknown(expression, 'mpu-check does not evaluate regular expressions');
    const parts = whole.split(find);
    if (whole.length + (parts.length - 1) * put.length > INPUT_LIMITS.valueLength) throw new ValueTooLarge();
    return parts.join(put);
  },
  startswith: ([text, prefix], expression) => asText(text, expression).startsWith(asText(prefix, expression)),
  endswith: ([text, suffix], expression) => asText(text, expression).endsWith(asText(suffix, expression)),
  format: ([spec, ...args], expression) => formatted(asText(spec, expression), args, expression),
  jsondecode: ([text], expression) => {
    if (typeof text !== 'string') throw new EvaluationError(`${expression}: jsondecode needs a string`);
    // Terraform would decode it; mpu-check's code that reads values recurses into them.
    if (jsonNestsBeyond(text, INPUT_LIMITS.nestingDepth)) return new Unknown(expression, `it decodes JSON nested more than ${INPUT_LIMITS.nestingDepth} deep, which mpu-check does not evaluate`);
    try {
      return JSON.parse(text) as TerraformValue;
    } catch {
      throw new EvaluationError(`${expression}: not valid JSON`);
    }
  },
  jsonencode: ([value]) => jsonText(value),
  alltrue: ([list], expression) => asList(list, expression).every(item => asBoolOrNull(item, expression) === true),
  anytrue: ([list], expression) => asList(list, expression).some(item => asBoolOrNull(item, expression) === true),
};

/** A number as Terraform reads it from a string (Go's big.ParseFloat in base 10: no hexadecimal, no spaces, no underscores). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The elements of a list, set or map, or the arguments of coalesce(), of one type as Terraform
 * makes them: strings where some are strings; an error where Terraform cannot unify them; an
 * Unknown where mpu-check does not follow how it does.
 */
function sameType(values: TerraformValue[], expression: string, name: string): TerraformValue[] | Unknown {
  const unified = unifiedPrimitives(values);
  if (unified === 'refused') throw new EvaluationError(`${expression}: ${name} needs values of one type, or strings with numbers or bools`);
  if (unified === 'not-followed') return new Unknown(expression, `mpu-check does not follow how ${name}() converts lists or objects of different types`);
  return unified;
}

/** A result that would be larger than mpu-check evaluates: the call is answered with an Unknown instead. */
class ValueTooLarge extends Error {}

function tooLarge(expression: string): Unknown {
  return new Unknown(expression, `it makes a value larger than the ${INPUT_LIMITS.valueLength.toLocaleString('en-US')} characters or elements mpu-check evaluates`);
}

/** A string, or a number or bool as Terraform converts it; anything else is an error Terraform would give too. */
function asText(value: TerraformValue, expression: string): string {
  const text = typeof value === 'number' ? numberText(value) : primitiveString(value);
  if (text === undefined) throw new EvaluationError(`${expression}: expected a string, got ${kindOf(value)}`);
  return text;
}

function asNumber(value: TerraformValue, expression: string): number {
  const number = numberOf(value);
  if (Number.isNaN(number)) throw new EvaluationError(`${expression}: expected a number, got ${kindOf(value)}`);
  return number;
}

/** A list argument: Terraform refuses null for one, as for a string or a number. */
function asList(value: TerraformValue, expression: string): TerraformValue[] {
  if (Array.isArray(value)) return value;
  if (value === null) throw new EvaluationError(`${expression}: argument must not be null`);
  throw new EvaluationError(`${expression}: expected a list, got ${kindOf(value)}`);
}

/** An element of a list(bool): a bool, the string "true" or "false", or null. */
function asBoolOrNull(value: TerraformValue, expression: string): boolean | null {
  if (value === null || typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new EvaluationError(`${expression}: expected a bool, got ${kindOf(value)}`);
}

function asObject(value: TerraformValue, expression: string): Record<string, TerraformValue> {
  if (isObjectValue(value)) return value;
  throw new EvaluationError(`${expression}: expected a map or object, got ${kindOf(value)}`);
}

function kindOf(value: TerraformValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isObjectValue(value)) return 'an object';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}` : typeof value;
}

function flattenList(items: TerraformValue[]): TerraformValue[] {
  return items.flatMap(item => (Array.isArray(item) ? flattenList(item) : [item]));
}

/** Marks toset()'s result as the set of strings, numbers or bools it is (an empty set's element type is not known). */
function rememberSetOfPrimitives(set: TerraformValue[]): void {
  const first = set.find(item => item !== null);
  const kind = typeof first === 'string' ? 'string' : typeof first === 'number' ? 'number' : typeof first === 'boolean' ? 'bool' : undefined;
  if (kind !== undefined) rememberType(set, { kind: 'set', element: { kind } });
}

function uniqueOf<T extends TerraformValue>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter(item => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** True when the arrays and objects of a JSON text nest more than `limit` deep (brackets in its strings do not count). */
function jsonNestsBeyond(json: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let at = 0; at < json.length; at++) {
    const char = json[at];
    if (inString) {
      if (char === '\\') at++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '[' || char === '{') {
      if (++depth > limit) return true;
    } else if (char === ']' || char === '}') {
      depth--;
    }
  }
  return false;
}

/**
 * About how much work and memory a value takes: one per element, one per character of its
 * strings, counted until `limit` is passed (a value may refer to one list many times).
 */
function weightOf(value: unknown, limit: number): number {
  let weight = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && weight <= limit) {
    const next = pending.pop();
    weight++;
    if (typeof next === 'string') weight += next.length;
    const items = Array.isArray(next) ? next : isObjectValue(next as TerraformValue) ? Object.values(next as object) : [];
    for (let at = 0; at < items.length && weight + pending.length <= limit; at++) pending.push(items[at]);
  }
  return weight;
}
