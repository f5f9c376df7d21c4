/** A line and column, both from 1, as editors and compilers count them. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A JSON or YAML file read into plain values, with where each mapping key was written. */
export interface StructuredText {
  readonly value: unknown;
  /** Where `key` of the mapping `owner` (an object of `value`) was written. */
  positionOfKey(owner: object, key: string): SourcePosition | undefined;
}

export interface ParseProblem {
  readonly line?: number;
  readonly message: string;
  /** Not worth reading the text as YAML instead (a duplicate key is one in YAML too). */
  readonly final?: boolean;
}

export function isParseProblem(result: StructuredText | ParseProblem): result is ParseProblem {
  return 'message' in result;
}

/** Sets an own property, even one named `__proto__`, which a plain assignment would take as the prototype. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** A short quoted piece of the input for a message: at most 40 characters, as a JSON string. */
export function quotedExcerpt(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}
