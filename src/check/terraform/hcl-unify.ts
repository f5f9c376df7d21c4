import { isObjectValue, TerraformValue } from './terraform-value';

/**
 * What Terraform's functions that make one collection of one element type (tolist, toset, tomap,
 * coalesce) do with values of different types (`terraform console`, Terraform 1.11):
 * - all of one type, or null: kept as they are;
 * - strings with numbers or bools: all become strings (`tolist([1, "a"])` is `["1", "a"]`);
 * - numbers with bools and no string: Terraform refuses (`toset([true, 1])`);
 * - lists or objects of different shapes: converted in ways mpu-check does not follow
 *   (`tolist([{ a = 1 }, { b = "x" }])` is a list of maps of strings), so 'not-followed'.
 */
export function unifiedPrimitives(values: readonly TerraformValue[]): TerraformValue[] | 'refused' | 'not-followed' {
  const types = new Set(values.filter(value => value !== null).map(typeOf));
  if (types.size <= 1) return [...values];
  if ([...types].some(type => !PRIMITIVES.has(type))) return 'not-followed';
  if (!types.has('string')) return 'refused';
  return values.map(value => (value === null ? null : String(value)));
}

const PRIMITIVES = new Set(['string', 'number', 'bool']);

/** A value's type as a comparable text: `list[number,string]`, `object{a:string}`. */
function typeOf(value: TerraformValue): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return `tuple[${value.map(typeOf).join(',')}]`;
  if (isObjectValue(value)) return `object{${Object.keys(value).sort().map(key => `${JSON.stringify(key)}:${typeOf(value[key])}`).join(',')}}`;
  return 'other';
}

/**
 * A set's elements in Terraform's order: strings by their bytes, numbers by value, false before
 * true, null last; undefined for elements that are not all of one primitive type (sets of
 * collections are ordered by a hash mpu-check does not compute).
 */
export function setOrder(values: readonly TerraformValue[]): TerraformValue[] | undefined {
  const present = values.filter(value => value !== null);
  const types = new Set(present.map(typeOf));
  if (types.size > 1 || (types.size === 1 && !PRIMITIVES.has([...types][0]))) return undefined;
  const sorted = [...present].sort((a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return compareCodePoints(String(a), String(b));
  });
  return [...sorted, ...values.filter(value => value === null)];
}

/** Compares by Unicode code points, the order of UTF-8 bytes (JavaScript's own compares UTF-16 units). */
function compareCodePoints(a: string, b: string): number {
  const [left, right] = [[...a], [...b]];
  for (let at = 0; at < Math.min(left.length, right.length); at++) {
    const difference = left[at].codePointAt(0)! - right[at].codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
