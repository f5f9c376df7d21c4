import { typeOfValue, unifyTypes } from './hcl-unify';
import { EvaluationError, isReference, isUnknown, Reference, TerraformValue, Unknown } from './terraform-value';
import { Charge, convertToType } from './type-conversion';

/** A result of a conditional, evaluated: its value, or what Terraform refuses in it. */
export type BranchOutcome = { readonly value: TerraformValue } | { readonly refused: EvaluationError };

/**
 * The value of `test ? onTrue : onFalse` as Terraform (hcl's ConditionalExpr) gives it: both results
 * are evaluated and their types unified first (hcl-unify.ts), and results whose types do not unify
 * are refused whatever the condition; then the chosen result, converted to that type (`true ? 1 :
 * "a"` is "1"). A result Terraform refuses, a null and an unknown are of a type not known, so they
 * unify with anything; what the result not chosen refuses does not matter. Where mpu-check does not
 * follow Terraform's unification, an Unknown saying so.
 */
export function conditionalResult(
  test: boolean | Unknown | Reference, onTrue: BranchOutcome, onFalse: BranchOutcome, expression: string, charge: Charge,
): TerraformValue {
  const type = resultType(onTrue, onFalse, charge);
  if (type === 'refused') throw new EvaluationError(`${expression}: inconsistent conditional result types (Terraform finds no type both results convert to)`);
  if (typeof test !== 'boolean') {
    const values = [onTrue, onFalse].filter(outcome => 'value' in outcome).map(outcome => convertedValue(outcome, type, expression, charge));
    // Both results the same value: known whatever the condition.
    if (values.length === 2 && !isUnknown(values[0]) && JSON.stringify(values[0]) === JSON.stringify(values[1])) return values[0];
    return isUnknown(test) ? test.oneOf(values) : test;
  }
  return convertedValue(test ? onTrue : onFalse, type, expression, charge);
}

function resultType(onTrue: BranchOutcome, onFalse: BranchOutcome, charge: Charge): ReturnType<typeof unifyTypes> | undefined {
  if (!('value' in onTrue) || !('value' in onFalse) || ofTypeNotKnown(onTrue.value) || ofTypeNotKnown(onFalse.value)) return undefined;
  return unifyTypes([typeOfValue(onTrue.value, charge), typeOfValue(onFalse.value, charge)], charge);
}

function ofTypeNotKnown(value: TerraformValue): boolean {
  return value === null || isUnknown(value) || isReference(value);
}

function convertedValue(outcome: BranchOutcome, type: ReturnType<typeof unifyTypes> | undefined, expression: string, charge: Charge): TerraformValue {
  if (!('value' in outcome)) throw outcome.refused;
  if (type === undefined || ofTypeNotKnown(outcome.value)) return outcome.value;
  if (type === 'not-followed' || type === 'refused') {
    return new Unknown(expression, 'mpu-check does not follow how Terraform unifies the types of this conditional\'s results');
  }
  return convertToType(outcome.value, type, charge, expression);
}
