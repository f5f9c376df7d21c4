/**
 * Values of HCL expressions as mpu-check evaluates them: plain JSON values, a value only
 * `terraform apply` knows, or a reference to another resource.
 */
export type TerraformValue =
  | string | number | boolean | null
  | TerraformValue[]
  | { [key: string]: TerraformValue }
  | Unknown
  | Reference;

/** A value that is not known before apply (or that mpu-check does not evaluate), with the expression and why. */
export class Unknown {
  constructor(
    /** The expression as written, e.g. `var.days`. */
    readonly expression: string,
    /** Why it is not known, e.g. `var.days has no default`. */
    readonly why?: string,
    /**
     * The values it can only be, when they are known (`var.on ? 1 : 0` is 1 or 0); undefined when it
     * can be anything. Read for a count, to know the most instances it can make.
     */
    readonly choices?: readonly TerraformValue[],
  ) {}

  /** The same unknown, known to be one of `values`: with them as its choices when each is known. */
  oneOf(values: readonly TerraformValue[]): Unknown {
    return new Unknown(this.expression, this.why, values.every(isKnown) ? values : undefined);
  }

  /** The expression as the Terraform adapter reads it: anything holding `${` is not judged. */
  toExpressionString(): string {
    return `\${${this.expression}}${this.why === undefined ? '' : ` (${this.why})`}`;
  }
}

/** A reference to a managed resource of the same module, such as `aws_s3_bucket.logs[0].id`. */
export class Reference {
  constructor(
    /** `aws_s3_bucket.logs` */
    readonly address: string,
    /** The instance key, when the reference names one (`[0]`, `["logs"]`). */
    readonly key: TerraformValue | undefined,
    /** The attribute path after the resource, e.g. `['id']`. */
    readonly attributes: readonly string[],
    readonly expression: string,
  ) {}
}

/** An expression Terraform itself would refuse (a missing attribute, a wrong type): `try()` catches it. */
export class EvaluationError extends Error {}

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

export function isReference(value: unknown): value is Reference {
  return value instanceof Reference;
}

/** True for a value fully known: no Unknown or Reference anywhere inside. */
export function isKnown(value: TerraformValue): boolean {
  if (value instanceof Unknown || value instanceof Reference) return false;
  if (Array.isArray(value)) return value.every(isKnown);
  if (typeof value === 'object' && value !== null) return Object.values(value).every(isKnown);
  return true;
}

export function isObjectValue(value: TerraformValue): value is { [key: string]: TerraformValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Unknown) && !(value instanceof Reference);
}

const depths = new WeakMap<object, number>();

/**
 * How many lists and objects nest in a value: 0 for a string, number, bool, null, unknown or
 * reference. Each list or object is measured once, when the evaluator makes it, so that measuring
 * a value costs as much as making it.
 */
export function depthOf(value: TerraformValue): number {
  if (typeof value !== 'object' || value === null || value instanceof Unknown || value instanceof Reference) return 0;
  let depth = depths.get(value);
  if (depth === undefined) {
    depth = 1;
    for (const item of Array.isArray(value) ? value : Object.values(value)) depth = Math.max(depth, 1 + depthOf(item));
    depths.set(value, depth);
  }
  return depth;
}

/** The most instances a count makes: its value, or the largest of its choices; undefined when that is not known. */
export function mostInstancesOf(count: TerraformValue): number | undefined {
  const values = isUnknown(count) ? count.choices : [count];
  if (values === undefined || !values.every(value => typeof value === 'number')) return undefined;
  return Math.max(0, ...values.map(value => Math.floor(value as number)));
}

/** An instance key as Terraform prints it: `[0]` or `["logs"]`. */
export function instanceKeyText(key: TerraformValue): string {
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(primitiveString(key) ?? JSON.stringify(key))}]`;
}

/**
 * The value in the plain JSON shape the adapters in src/policy read: an Unknown becomes its
 * expression string, a reference its expression.
 */
export function toPlainJson(value: TerraformValue): unknown {
  if (value instanceof Unknown) return value.toExpressionString();
  if (value instanceof Reference) return `\${${value.expression}}`;
  if (Array.isArray(value)) return value.map(toPlainJson);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toPlainJson(item)]));
  }
  return value;
}

/** A string, number or bool as Terraform converts it to a string; undefined for null, a collection or an unknown. */
export function primitiveString(value: TerraformValue): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** A number, or a string that is one, as Terraform converts it; NaN for anything else. */
export function numberOf(value: TerraformValue): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
}

/** True when `object` has `key` of its own: `toString` is not an attribute of every object. */
export function hasKey(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}
