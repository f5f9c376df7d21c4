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

/** A short quoted piece of the input for a message: at most 40 characters, as a JSON string. */
export function quotedExcerpt(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}
