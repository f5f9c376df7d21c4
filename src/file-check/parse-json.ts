import { INPUT_LIMITS } from './input-limits';
import { JSONVisitor, LineCounter, printParseErrorCode, visitJson } from './parsers';
import { quotedExcerpt, ParseProblem, SourcePosition, StructuredText } from './structured-text';
import { setOwn } from '../policy/fields';

type Container = Record<string, unknown> | unknown[];

/** Thrown from the parser's callbacks to stop it at the first container nested too deep. */
class TooDeep extends Error {
  constructor(readonly offset: number) {
    super('too deep');
  }
}

/**
 * Strict JSON (no comments) into plain values, with each key's position; a duplicate key is an
 * error, and so is nesting deeper than INPUT_LIMITS.nestingDepth (the parser recurses).
 */
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
      setOwn(top, key, value);
    }
  };
  const open = (container: Container, offset: number) => {
    if (stack.length >= INPUT_LIMITS.nestingDepth) throw new TooDeep(offset);
    add(container);
    stack.push(container);
    pendingKeys.push(key);
  };
  const close = () => {
    stack.pop();
    key = pendingKeys.pop();
  };

  const visitor: JSONVisitor = {
    onObjectBegin: offset => open({}, offset),
    onObjectProperty: (name, offset) => {
      const owner = stack[stack.length - 1] as Record<string, unknown>;
      let offsets = keyOffsets.get(owner);
      if (!offsets) {
        offsets = new Map();
        keyOffsets.set(owner, offsets);
      }
      if (offsets.has(name) && problem === undefined) {
        problem = { offset, message: `not valid JSON: duplicate key ${quotedExcerpt(name)}`, final: true };
      }
      offsets.set(name, offset);
      key = name;
    },
    onObjectEnd: close,
    onArrayBegin: offset => open([], offset),
    onArrayEnd: close,
    onLiteralValue: add,
    onError: (error, offset) => {
      problem ??= { offset, message: `not valid JSON: ${printParseErrorCode(error)}` };
    },
  };
  try {
    visitJson(text, visitor, { disallowComments: true, allowTrailingComma: false });
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    problem = { offset: error.offset, message: `not read: arrays and objects nested more than ${INPUT_LIMITS.nestingDepth} deep`, final: true };
  }

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
