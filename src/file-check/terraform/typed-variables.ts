import { EvaluationError, TerraformValue, Unknown } from './terraform-value';
import { parseTypeConstraint, TypeConstraint } from './type-constraint';
import { convertToType, Charge } from './type-conversion';

/** A variable block's type as read, and why Terraform refuses it, if it does. */
interface DeclaredType {
  readonly type?: TypeConstraint;
  readonly wrongDefault?: string;
}

const types = new WeakMap<Record<string, unknown>, DeclaredType>();

/** The type a variable block declares (none without one, or when mpu-check does not read it), checked once per block. */
function declaredType(name: string, declaration: Record<string, unknown>, charge: Charge): DeclaredType {
  let declared = types.get(declaration);
  if (declared === undefined) {
    const type = typeof declaration.type === 'string' ? parseTypeConstraint(declaration.type) : undefined;
    declared = { type, wrongDefault: type === undefined ? undefined : wrongOptionalDefault(type, charge, `var.${name}`) };
    types.set(declaration, declared);
  }
  return declared;
}

/**
 * A variable's value converted to the type its `variable` block declares (a value Terraform would
 * refuse for that type is an Unknown saying why); as it is without a type mpu-check reads.
 */
export function typedVariableValue(name: string, declaration: Record<string, unknown>, value: TerraformValue, charge: Charge): TerraformValue {
  const { type, wrongDefault } = declaredType(name, declaration, charge);
  if (type === undefined) return value;
  if (wrongDefault !== undefined) {
    return new Unknown(`var.${name}`, `Terraform would refuse it: the default of an optional attribute of its type does not fit that attribute's type: ${wrongDefault}`);
  }
  return typedValue(name, value, type, charge);
}

/**
 * Why the default of an `optional(T, default)` in `type` does not convert to its T, which
 * Terraform refuses when it reads the type, whether the default is used or not; else undefined.
 */
function wrongOptionalDefault(type: TypeConstraint, charge: Charge, where: string): string | undefined {
  charge(1);
  switch (type.kind) {
    case 'list':
    case 'set':
    case 'map':
      return wrongOptionalDefault(type.element, charge, `${where}[*]`);
    case 'tuple':
      for (const [index, element] of type.elements.entries()) {
        const wrong = wrongOptionalDefault(element, charge, `${where}[${index}]`);
        if (wrong !== undefined) return wrong;
      }
      return undefined;
    case 'object':
      for (const [attribute, { type: attributeType, default: value }] of type.attributes) {
        const path = `${where}.${attribute}`;
        if (value !== undefined && value !== null) {
          try {
            convertToType(value, attributeType, charge, path);
          } catch (error) {
            if (!(error instanceof EvaluationError)) throw error;
            return error.message;
          }
        }
        const wrong = wrongOptionalDefault(attributeType, charge, path);
        if (wrong !== undefined) return wrong;
      }
      return undefined;
    default:
      return undefined;
  }
}

function typedValue(name: string, value: TerraformValue, type: TypeConstraint, charge: Charge): TerraformValue {
  try {
    return convertToType(value, type, charge, `var.${name}`);
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error;
    return new Unknown(`var.${name}`, `Terraform would refuse it: the value does not fit the variable's type: ${error.message}`);
  }
}
