/**
 * What a parsed JSON value is, for a message that must not quote it (a file's content may be
 * anyone's secret): `a string`, `a number`, `true or false`, `null`, `a list`, `an object`.
 */
export function jsonKindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'true or false';
    case 'object': return 'an object';
    default: return 'missing';
  }
}
