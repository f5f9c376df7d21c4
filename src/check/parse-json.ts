import { LineCounter, printParseErrorCode, visitJson } from './parsers';
import { ParseProblem, SourcePosition, StructuredText } from './structured-text';

type Container = Record<string, unknown> | unknown[];

/** Strict JSON (no comments) into plain values, with each key's position; a duplicate key is an error. */
export function parseJsonWithPositions(source: string): StructuredText | ParseProblem {
  // A byte order mark is no JSON token: skip it, as editors do when they count columns.
  const text = source.replace(/^\uFEFF/, '');
  const keyOffsets = new WeakMap<object, Map<string, number>>();
  const stack: Container[] = [];
  const pendingKeys: Array<string | undefined> = [];
  let root: unknown;
  let key: string | undefined;
  let problem: { offset: number; message: string; final?: boolean } | undefined;

  const add = (value: unknown) => {
    const top = stack[stack.length - 1];
    if (top === undefined) {
      root = value;
    } else if (Array.isArray(top)) {
      top.push(value);
    } else if (key !== undefined) {
      top[key] = value;
    }
  };
  const open = (container: Container) => {
    add(container);
    stack.push(container);
    pendingKeys.push(key);
  };
  const close = () => {
    stack.pop();
    key = pendingKeys.pop();
  };

  visitJson(text, {
    onObjectBegin: () => open({}),
    onObjectProperty: (name, offset) => {
      const owner = stack[stack.length - 1] as Record<string, unknown>;
      let offsets = keyOffsets.get(owner);
      if (!offsets) {
        offsets = new Map();
        keyOffsets.set(owner, offsets);
      }
      if (offsets.has(name) && problem === undefined) {
        problem = { offset, message: `not valid JSON: duplicate key "${name}"`, final: true };
      }
      offsets.set(name, offset);
      key = name;
    },
    onObjectEnd: close,
    onArrayBegin: () => open([]),
    onArrayEnd: close,
    onLiteralValue: add,
    onError: (error, offset) => {
      problem ??= { offset, message: `not valid JSON: ${printParseErrorCode(error)}` };
    },
  }, { disallowComments: true, allowTrailingComma: false });

  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines.addNewLine(at + 1);
  const position = (offset: number): SourcePosition => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  if (problem) {
    return { line: position(problem.offset).line, message: problem.message, final: problem.final };
  }
  return {
    value: root,
    positionOfKey: (owner, name) => {
      const offset = keyOffsets.get(owner)?.get(name);
      return offset === undefined ? undefined : position(offset);
    },
  };
}
