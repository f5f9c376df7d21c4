import { expressionAt, longestReferences, referencesOf } from './plan-configuration';
import { isRecord, setOwn } from '../../policy/fields';

type Path = ReadonlyArray<string | number>;

/**
 * A copy of a planned instance's values where each value resource_changes says is not known
 * before apply (`after_unknown`) is an expression naming it, as the Terraform adapter takes
 * an expression: `${aws_s3_bucket_lifecycle_configuration.logs.rule[0].status}`, with what
 * the configuration computes it from when the plan says.
 */
export function valuesWithUnknowns(
  values: Record<string, unknown>, afterUnknown: unknown, address: string, expressions: unknown,
): Record<string, unknown> {
  const marked = marking(values, afterUnknown, [], path => unknownNamed(address, path, expressions));
  return isRecord(marked) ? marked : values;
}

/** True for a value valuesWithUnknowns put in place of one not known before apply. */
export function isUnknownMark(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('${');
}

function marking(value: unknown, afterUnknown: unknown, path: Path, name: (path: Path) => string): unknown {
  if (afterUnknown === true) return name(path);
  if (Array.isArray(afterUnknown)) {
    const list = Array.isArray(value) ? [...value] : [];
    afterUnknown.forEach((inner, index) => {
      if (hasUnknown(inner)) list[index] = marking(list[index], inner, [...path, index], name);
    });
    return list;
  }
  if (isRecord(afterUnknown)) {
    const copy: Record<string, unknown> = isRecord(value) ? { ...value } : {};
    for (const [key, inner] of Object.entries(afterUnknown)) {
      if (!hasUnknown(inner)) continue;
      // Own properties only: after_unknown may name `__proto__`.
      const known = Object.prototype.hasOwnProperty.call(copy, key) ? copy[key] : undefined;
      setOwn(copy, key, marking(known, inner, [...path, key], name));
    }
    return copy;
  }
  return value;
}

function hasUnknown(afterUnknown: unknown): boolean {
  if (afterUnknown === true) return true;
  if (Array.isArray(afterUnknown)) return afterUnknown.some(hasUnknown);
  return isRecord(afterUnknown) && Object.values(afterUnknown).some(hasUnknown);
}

function unknownNamed(address: string, path: Path, expressions: unknown): string {
  const attribute = path.map(step => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('');
  const from = longestReferences(referencesOf(expressionAt(expressions, path)));
  return `\${${address}${attribute}}${from.length > 0 ? ` (from ${from.join(', ')})` : ''}`;
}
