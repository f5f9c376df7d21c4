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
 * A module's variables, each converted to the type its `variable` block declares when it is first
 * read with `get` (a value Terraform would refuse for that type is an Unknown saying why). Lazily,
 * so that only the variables an expression reads take evaluation steps, and from within the
 * evaluation whose budget they take.
 */
export class TypedVariables extends Map<string, TerraformValue> {
  private readonly converted = new Set<string>();

  constructor(
    values: ReadonlyMap<string, TerraformValue>,
    private readonly declarations: ReadonlyMap<string, Record<string, unknown>>,
    private readonly charge: Charge,
  ) {
    super(values);
  }

  override get(name: string): TerraformValue | undefined {
    const value = super.get(name);
    if (value === undefined || this.converted.has(name)) return value;
    this.converted.add(name);
    const declaration = this.declarations.get(name);
    const type = declaration === undefined ? undefined : declaredType(declaration);
    const typed = type === undefined ? value : typedValue(name, value, type, this.charge);
    super.set(name, typed);
    return typed;
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
