/**
 * Block-style YAML of plain data (objects, arrays, strings, numbers, booleans), as a person
 * would write a template: two spaces per level, `- ` for list items, a string quoted (as JSON,
 * which YAML reads the same) only when YAML would read it plain as something else.
 * `undefined` fields are left out. For printing; the package carries no YAML library.
 */
export function yamlLines(value: Readonly<Record<string, unknown>>, indent = 0): string[] {
  return mappingLines(value, ' '.repeat(indent));
}

function mappingLines(value: Readonly<Record<string, unknown>>, pad: string): string[] {
  return Object.entries(value).filter(([, v]) => v !== undefined).flatMap(([key, v]) => {
    const head = `${pad}${scalar(key)}:`;
    if (Array.isArray(v)) return v.length === 0 ? [`${head} []`] : [head, ...sequenceLines(v, `${pad}  `)];
    if (isMapping(v)) return Object.keys(v).length === 0 ? [`${head} {}`] : [head, ...mappingLines(v, `${pad}  `)];
    return [`${head} ${scalar(v)}`];
  });
}

function sequenceLines(items: readonly unknown[], pad: string): string[] {
  return items.flatMap(item => {
    if (Array.isArray(item)) {
      return item.length === 0 ? [`${pad}- []`] : asItem(sequenceLines(item, `${pad}  `), pad);
    }
    if (isMapping(item)) {
      return Object.keys(item).length === 0 ? [`${pad}- {}`] : asItem(mappingLines(item, `${pad}  `), pad);
    }
    return [`${pad}- ${scalar(item)}`];
  });
}

/** The first line of a nested block moved up beside its `- `. */
function asItem(lines: string[], pad: string): string[] {
  return [`${pad}- ${lines[0].slice(pad.length + 2)}`, ...lines.slice(1)];
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}

/** Words YAML 1.1 or 1.2 reads as something other than a string. */
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
/** Starts like a number, a date or other YAML syntax. */
const NOT_PLAIN = /^[\d.+-]|^$|[:#]|^[\s!&*?|>'"%@`,[\]{}]|\s$/;

function scalar(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = value instanceof Date ? value.toISOString() : String(value);
  return RESERVED.test(text) || NOT_PLAIN.test(text) || /[\u0000-\u001f\u007f-\u009f]/.test(text) ? JSON.stringify(text) : text;
}
