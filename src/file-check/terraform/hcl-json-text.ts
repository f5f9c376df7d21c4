import { isObjectValue, TerraformValue } from './terraform-value';

/** A value Terraform writes otherwise than mpu-check can: the call that writes it is answered with an Unknown. */
export class TextNotFollowed extends Error {}

/** A number as Terraform writes it, where a double writes it the same: whole numbers below 2^53, fractions without an exponent. */
export function numberText(value: number): string {
  const text = String(value);
  if (Math.abs(value) >= 2 ** 53 || /e/.test(text)) throw new TextNotFollowed(`Terraform writes the number ${text} with more digits than mpu-check keeps`);
  return text;
}

/**
 * jsonencode() as Terraform writes it (Go's encoding/json): object keys sorted, `<`, `>`, `&`,
 * U+2028 and U+2029 escaped. The value must be known.
 */
export function jsonText(value: TerraformValue): string {
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (isObjectValue(value)) return `{${Object.keys(value).sort().map(key => `${stringText(key)}:${jsonText(value[key])}`).join(',')}}`;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'string') return stringText(value);
  return JSON.stringify(value) ?? 'null';
}

function stringText(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
