import { setOwn } from '../../policy/fields';
import { INPUT_LIMITS } from '../input-limits';
import { allOfOneType, holdsAny, rememberType, setOrder, typeOfValue, unifyTypes } from './hcl-unify';
import { depthOf, EvaluationError, hasKey, isKnown, isObjectValue, isReference, isUnknown, TerraformValue, Unknown } from './terraform-value';
import { ObjectAttribute, TypeConstraint } from './type-constraint';

/** Takes `steps` steps of the evaluation budget (HclEvaluator.charge). */
export type Charge = (steps: number) => void;

/**
 * The value converted to the type as Terraform converts a variable's value: an object's missing
 * optional attributes null or their default (and the defaults' own defaults), its other
 * attributes dropped; numbers, bools and strings converted into each other where Terraform does;
 * sets without duplicates. Unknowns and references stay as they are, and so does what is known
 * around them. Throws EvaluationError, saying where, for a value Terraform refuses; a value may
 * also come back as an Unknown saying why mpu-check does not convert it.
 */
export function convertToType(value: TerraformValue, type: TypeConstraint, charge: Charge, name: string): TerraformValue {
  const converted = convert(value, type, charge, { part: name });
  if (depthOf(converted) <= INPUT_LIMITS.nestingDepth) return converted;
  return new Unknown(name, `its type's defaults make a value nested more than ${INPUT_LIMITS.nestingDepth} deep, which mpu-check does not evaluate`);
}

function convert(value: TerraformValue, type: TypeConstraint, charge: Charge, path: Path): TerraformValue {
  const converted = convertOnce(value, type, charge, path);
  rememberType(converted, type);
  return converted;
}

function convertOnce(value: TerraformValue, type: TypeConstraint, charge: Charge, path: Path): TerraformValue {
  charge(1);
  // Terraform converts a null (of any type) to a null of the type; what is not known stays so.
  if (value === null || isReference(value)) return value;
  if (isUnknown(value)) return value.choices === undefined ? value : unknownOf(value, value.choices, type, charge, path);
  switch (type.kind) {
    case 'any':
      return value;
    case 'string':
      return toStringValue(value, path);
    case 'number':
      return toNumber(value, path);
    case 'bool':
      return toBool(value, path);
    case 'list':
      return listOf(value, type.element, charge, path, 'list');
    case 'set':
      return setOf(listOf(value, type.element, charge, path, 'set'), path);
    case 'tuple':
      return tupleOf(value, type.elements, charge, path);
    case 'map':
      return mapOf(value, type.element, charge, path);
    case 'object':
      return objectOf(value, type.attributes, charge, path);
  }
}

/** Where a value is in the variable's (`var.rules`, `[0]`, `.days`), written out only for a message. */
interface Path {
  readonly parent?: Path;
  readonly part: string;
}

function at(parent: Path, part: string): Path {
  return { parent, part };
}

function pathText(path: Path): string {
  const parts: string[] = [];
  for (let step: Path | undefined = path; step !== undefined; step = step.parent) parts.push(step.part);
  return parts.reverse().join('');
}

/** An unknown that can only be one of `choices`: one of them converted, or, when one does not convert, any value. */
function unknownOf(value: Unknown, choices: readonly TerraformValue[], type: TypeConstraint, charge: Charge, path: Path): Unknown {
  try {
    return value.oneOf(choices.map(choice => convert(choice, type, charge, path)));
  } catch (error) {
    if (error instanceof EvaluationError) return new Unknown(value.expression, value.why);
    throw error;
  }
}

function refuse(path: Path, why: string): never {
  throw new EvaluationError(`${pathText(path)}: ${why}`);
}

function toStringValue(value: TerraformValue, path: Path): TerraformValue {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    // Terraform writes every number in full (1e21 as 1000000000000000000000, 1e-7 as 0.0000001), exactly.
    const text = String(value);
    if (/e/i.test(text) || !Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) {
      return new Unknown(pathText(path), `mpu-check does not write the number ${text} as a string the way Terraform does`);
    }
    return text;
  }
  return refuse(path, 'a string is required');
}

function toNumber(value: TerraformValue, path: Path): TerraformValue {
  if (typeof value === 'number') return value;
  // Terraform reads a decimal number: "+1", ".5" and "1e3" are numbers, " 1", "0x10" and "1_0" are not.
  if (typeof value === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) {
    const number = Number(value);
    // Terraform's numbers have no bound: "1e400" is a number JavaScript's are too small for.
    return Number.isFinite(number) ? number : new Unknown(pathText(path), `mpu-check does not hold the number ${value}`);
  }
  return refuse(path, 'a number is required');
}

function toBool(value: TerraformValue, path: Path): TerraformValue {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
  }
  return refuse(path, 'a bool is required');
}

function listOf(value: TerraformValue, element: TypeConstraint, charge: Charge, path: Path, kind: string): TerraformValue[] | Unknown {
  if (!Array.isArray(value)) return refuse(path, `a ${kind} is required`);
  if (element.kind === 'any') return unified(value, charge, path, kind);
  return oneTyped(value.map((item, index) => convert(item, element, charge, at(path, `[${index}]`))), element, charge, path, kind);
}

function tupleOf(value: TerraformValue, elements: readonly TypeConstraint[], charge: Charge, path: Path): TerraformValue[] {
  if (!Array.isArray(value) || value.length !== elements.length) return refuse(path, `a tuple of ${elements.length} elements is required`);
  return value.map((item, index) => convert(item, elements[index], charge, at(path, `[${index}]`)));
}

function mapOf(value: TerraformValue, element: TypeConstraint, charge: Charge, path: Path): TerraformValue {
  if (!isObjectValue(value)) return refuse(path, 'a map is required');
  const keys = Object.keys(value).sort();
  const items = element.kind === 'any'
    ? unified(keys.map(key => value[key]), charge, path, 'map')
    : oneTyped(keys.map(key => convert(value[key], element, charge, at(path, `[${JSON.stringify(key)}]`))), element, charge, path, 'map');
  if (isUnknown(items)) return items;
  const map: Record<string, TerraformValue> = {};
  keys.forEach((key, index) => setOwn(map, key, items[index]));
  return map;
}

function objectOf(value: TerraformValue, attributes: ReadonlyMap<string, ObjectAttribute>, charge: Charge, path: Path): TerraformValue {
  if (!isObjectValue(value)) return refuse(path, 'an object is required');
  const object: Record<string, TerraformValue> = {};
  for (const name of [...attributes.keys()].sort()) {
    const attribute = attributes.get(name)!;
    const given = hasKey(value, name) ? value[name] : undefined;
    const where = at(path, `.${name}`);
    if ((given === undefined || given === null) && attribute.default !== undefined) {
      setOwn(object, name, convert(attribute.default, attribute.type, charge, where));
    } else if (given === undefined) {
      if (!attribute.optional) refuse(path, `the attribute "${name}" is required`);
      setOwn(object, name, null);
    } else {
      setOwn(object, name, convert(given, attribute.type, charge, where));
    }
  }
  return object;
}

/**
 * The elements of a list, set or map of `any`, converted to the one type Terraform finds for them
 * (hcl-unify.ts: numbers and bools beside a string become strings, objects of different attributes
 * maps); refused where there is none, an Unknown where mpu-check does not follow Terraform.
 */
function unified(items: TerraformValue[], charge: Charge, path: Path, kind: string): TerraformValue[] | Unknown {
  const type = unifyTypes(items.map(item => typeOfValue(item, charge)), charge);
  if (type === 'refused') return refuse(path, `all ${kind} elements must have the same type (Terraform finds no common base type for them)`);
  if (type === 'not-followed') return new Unknown(pathText(path), `mpu-check does not follow how Terraform unifies the types of this ${kind}'s elements`);
  return items.map((item, index) => convert(item, type, charge, at(path, `[${index}]`)));
}

/**
 * The elements of a collection whose element type holds an `any` (`list(object({ v = any }))`):
 * Terraform gives them one type, unifying or refusing in ways mpu-check does not follow, so they
 * are kept only when they are already of one type.
 */
function oneTyped(items: TerraformValue[], element: TypeConstraint, charge: Charge, path: Path, kind: string): TerraformValue[] | Unknown {
  if (!holdsAny(element) || allOfOneType(items, charge)) return items;
  return new Unknown(pathText(path), `mpu-check does not follow how Terraform gives the elements of this ${kind} one type where its type holds any`);
}

/**
 * A set, as a list in the order Terraform gives its elements: strings in byte order, numbers and
 * bools ascending, nulls last; collections in the order written (Terraform orders them by a hash
 * mpu-check does not compute). A set whose elements are not all known is not known.
 */
function setOf(items: TerraformValue[] | Unknown, path: Path): TerraformValue {
  if (isUnknown(items)) return items;
  if (!items.every(isKnown)) return new Unknown(pathText(path), 'a set whose elements are not all known before apply');
  const unique = new Map<string, TerraformValue>();
  for (const item of items) unique.set(JSON.stringify(item), item);
  const elements = [...unique.values()];
  return setOrder(elements) ?? elements;
}
