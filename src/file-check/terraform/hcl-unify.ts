import { isObjectValue, isReference, isUnknown, TerraformValue } from './terraform-value';
import { TypeConstraint } from './type-constraint';

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

/** The one type Terraform finds for values (convert.UnifyUnsafe); what it refuses; or what mpu-check does not follow. */
export type Unification = TypeConstraint | 'refused' | 'not-followed';

const ANY: TypeConstraint = { kind: 'any' };
const STRING: TypeConstraint = { kind: 'string' };
const NUMBER: TypeConstraint = { kind: 'number' };
const BOOL: TypeConstraint = { kind: 'bool' };

/** The types of the lists, sets, maps and objects a type constraint made, as Terraform knows them (their nulls typed too). */
const declaredTypes = new WeakMap<object, TypeConstraint>();

/** Remembers the type a value was converted to, when the type says everything (holds no `any`). */
export function rememberType(value: TerraformValue, type: TypeConstraint): void {
  if (typeof value === 'object' && value !== null && !isUnknown(value) && !isReference(value) && !holdsAny(type)) declaredTypes.set(value, type);
}

/** True for a value a `set(...)` type made: Terraform reads no element of a set by its index. */
export function isSetValue(value: TerraformValue): boolean {
  return typeof value === 'object' && value !== null && declaredTypes.get(value)?.kind === 'set';
}

const holdingAny = new WeakMap<TypeConstraint, boolean>();

export function holdsAny(type: TypeConstraint): boolean {
  let holds = holdingAny.get(type);
  if (holds === undefined) {
    holds = type.kind === 'any'
      || ('element' in type && holdsAny(type.element))
      || ('elements' in type && type.elements.some(holdsAny))
      || ('attributes' in type && [...type.attributes.values()].some(attribute => holdsAny(attribute.type)));
    holdingAny.set(type, holds);
  }
  return holds;
}

/**
 * A value's type as Terraform has it: the type its variable's constraint gave it, or else the type
 * of the expression that wrote it (a tuple for `[...]`, an object for `{...}`). A null, an unknown
 * and a reference are of a type not known (`any`), as a literal `null` is.
 */
export function typeOfValue(value: TerraformValue, charge: (steps: number) => void): TypeConstraint {
  charge(1);
  if (typeof value === 'string') return STRING;
  if (typeof value === 'number') return NUMBER;
  if (typeof value === 'boolean') return BOOL;
  if (value === null || isUnknown(value) || isReference(value)) return ANY;
  const declared = declaredTypes.get(value);
  if (declared !== undefined) return declared;
  if (Array.isArray(value)) return { kind: 'tuple', elements: value.map(item => typeOfValue(item, charge)) };
  const attributes = new Map<string, { type: TypeConstraint; optional: boolean }>();
  for (const key of Object.keys(value)) attributes.set(key, { type: typeOfValue(value[key], charge), optional: false });
  return { kind: 'object', attributes };
}

/**
 * The type Terraform converts `types` to when one value must be of one of them (a conditional's
 * results, a `list(any)`'s elements), as cty's convert.UnifyUnsafe finds it: one type when all are
 * of it; strings beside numbers or bools become strings, numbers beside bools are refused, and so
 * is a string, number or bool beside a collection; tuples of one length unify element by element,
 * of different lengths into a list; objects of the same attributes attribute by attribute, of
 * different attributes into a map; lists and tuples into a list, maps and objects into a map. What
 * Terraform does beyond this (unknown types beside collections, sets beside other collections) is
 * 'not-followed'.
 */
export function unifyTypes(types: readonly TypeConstraint[], charge: (steps: number) => void): Unification {
  charge(types.length);
  const known = types.filter(type => type.kind !== 'any');
  if (known.length === 0) return ANY;
  const primitives = known.filter(type => PRIMITIVES.has(type.kind));
  if (primitives.length === known.length) {
    const kinds = new Set(primitives.map(type => type.kind));
    if (kinds.size === 1) return primitives[0];
    return kinds.has('string') ? STRING : 'refused';
  }
  if (primitives.length > 0) return 'refused';
  const sequences = known.filter(type => type.kind === 'tuple' || type.kind === 'list' || type.kind === 'set').length;
  if (sequences !== 0 && sequences !== known.length) return 'refused';
  if (known.length < types.length) return 'not-followed';
  if (known.every(type => type.kind === 'tuple')) return unifyTuples(known as TupleType[], charge);
  if (known.every(type => type.kind === 'object')) return unifyObjects(known as ObjectType[], charge);
  if (known.every(type => type.kind === 'tuple' || type.kind === 'list')) return collectionOf('list', elementTypesOf(known), charge);
  if (known.every(type => type.kind === 'object' || type.kind === 'map')) return collectionOf('map', elementTypesOf(known), charge);
  if (known.some(type => type.kind === 'set')) {
    // Sets unify into a set; a tuple beside sets becomes a set when its elements are of the sets' own element type.
    const set = collectionOf('set', elementTypesOf(known), charge);
    if (set === 'refused' || known.every(type => type.kind === 'set')) return set;
    const setsUnchanged = typeof set !== 'string' && known.every(type => type.kind === 'tuple' || (type.kind === 'set' && typeText(type) === typeText(set)));
    if (setsUnchanged) return set;
  }
  return 'not-followed';
}

type TupleType = Extract<TypeConstraint, { kind: 'tuple' }>;
type ObjectType = Extract<TypeConstraint, { kind: 'object' }>;

function unifyTuples(tuples: readonly TupleType[], charge: (steps: number) => void): Unification {
  const length = tuples[0].elements.length;
  if (tuples.some(tuple => tuple.elements.length !== length)) return collectionOf('list', elementTypesOf(tuples), charge);
  const elements: TypeConstraint[] = [];
  for (let index = 0; index < length; index++) {
    const element = unifyTypes(tuples.map(tuple => tuple.elements[index]), charge);
    if (typeof element === 'string') return element;
    elements.push(element);
  }
  return { kind: 'tuple', elements };
}

function unifyObjects(objects: readonly ObjectType[], charge: (steps: number) => void): Unification {
  const names = [...objects[0].attributes.keys()];
  const same = objects.every(object => object.attributes.size === names.length && names.every(name => object.attributes.has(name)));
  if (!same) return collectionOf('map', elementTypesOf(objects), charge);
  const attributes = new Map<string, { type: TypeConstraint; optional: boolean }>();
  for (const name of names) {
    const type = unifyTypes(objects.map(object => object.attributes.get(name)!.type), charge);
    if (typeof type === 'string') return type;
    attributes.set(name, { type, optional: false });
  }
  return { kind: 'object', attributes };
}

/** The types of the elements of lists, sets, maps, tuples and objects, all together. */
function elementTypesOf(types: readonly TypeConstraint[]): TypeConstraint[] {
  return types.flatMap(type => {
    if ('element' in type) return [type.element];
    if ('elements' in type) return [...type.elements];
    return 'attributes' in type ? [...type.attributes.values()].map(attribute => attribute.type) : [];
  });
}

function collectionOf(kind: 'list' | 'set' | 'map', elements: readonly TypeConstraint[], charge: (steps: number) => void): Unification {
  const element = unifyTypes(elements, charge);
  return typeof element === 'string' ? element : { kind, element };
}

/** True when the values are all of one type as Terraform has them (hcl-unify's typeOfValue), written out the same. */
export function allOfOneType(values: readonly TerraformValue[], charge: (steps: number) => void): boolean {
  const texts = new Set(values.map(value => typeText(typeOfValue(value, charge))));
  return texts.size <= 1;
}

function typeText(type: TypeConstraint): string {
  if ('element' in type) return `${type.kind}(${typeText(type.element)})`;
  if ('elements' in type) return `tuple(${type.elements.map(typeText).join(',')})`;
  if ('attributes' in type) return `object(${[...type.attributes.keys()].sort().map(name => `${JSON.stringify(name)}:${typeText(type.attributes.get(name)!.type)}`).join(',')})`;
  return type.kind;
}
