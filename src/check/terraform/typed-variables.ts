import { EvaluationError, TerraformValue, Unknown } from './terraform-value';
import { parseTypeConstraint, TypeConstraint } from './type-constraint';
import { convertToType, Charge } from './type-conversion';

const types = new WeakMap<Record<string, unknown>, TypeConstraint | undefined>();

/** The type a variable block declares; undefined without one, or when mpu-check does not read it. */
function declaredType(declaration: Record<string, unknown>): TypeConstraint | undefined {
  if (!types.has(declaration)) types.set(declaration, typeof declaration.type === 'string' ? parseTypeConstraint(declaration.type) : undefined);
  return types.get(declaration);
}

/**
 * A variable's value converted to the type its \`variable\` block declares (a value Terraform would
 * refuse for that type is an Unknown saying why); as it is without a type mpu-check reads.
 */
export function typedVariableValue(name: string, declaration: Record<string, unknown>, value: TerraformValue, charge: Charge): TerraformValue {
  const type = declaredType(declaration);
  return type === undefined ? value : typedValue(name, value, type, charge);
}

function typedValue(name: string, value: TerraformValue, type: TypeConstraint, charge: Charge): TerraformValue {
  try {
    return convertToType(value, type, charge, `var.${name}`);
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error;
    return new Unknown(`var.${name}`, `Terraform would refuse it: the value does not fit the variable's type: ${error.message}`);
  }
}
