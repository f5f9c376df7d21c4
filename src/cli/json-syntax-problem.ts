/** Where a text stops being JSON, and what was expected there; never a piece of the text. */
export interface JsonSyntaxProblem {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters from the start of the line. */
  readonly column: number;
  readonly problem: string;
}

type Expect = 'value' | 'value-or-]' | 'name' | 'name-or-}' | 'colon' | 'comma-or-close' | 'end';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
const LITERALS = ['true', 'false', 'null'];

/**
 * The first place where `text` breaks the JSON grammar (RFC 8259), for the message of a file
 * that JSON.parse refused: Node's messages quote the text, which may be anyone's secret. Undefined
 * when the text is JSON. Iterative, so that any depth of nesting is read without recursion.
 */
export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  const open: Array<'{' | '['> = [];
  let expect: Expect = 'value';
  let at = 0;
  const problem = (offset: number, what: string): JsonSyntaxProblem => ({ ...lineAndColumn(text, offset), problem: what });
  const afterValue = (): Expect => (open.length === 0 ? 'end' : 'comma-or-close');
  for (;;) {
    at = skipWhitespace(text, at);
    if (at >= text.length) return expect === 'end' ? undefined : problem(at, 'the text ends before the JSON does');
    const char = text[at];
    if (expect === 'end') return problem(at, 'more text after the JSON value');
    if (expect === 'colon') {
      if (char !== ':') return problem(at, 'expected \':\' after a property name');
      at++;
      expect = 'value';
    } else if (expect === 'comma-or-close') {
      const container = open[open.length - 1];
      const close = container === '{' ? '}' : ']';
      if (char === ',') {
        at++;
        expect = container === '{' ? 'name' : 'value';
      } else if (char === close) {
        open.pop();
        at++;
        expect = afterValue();
      } else {
        return problem(at, `expected ',' or '${close}'`);
      }
    } else if ((expect === 'name-or-}' && char === '}') || (expect === 'value-or-]' && char === ']')) {
      open.pop();
      at++;
      expect = afterValue();
    } else if (expect === 'name' || expect === 'name-or-}') {
      if (char !== '"') return problem(at, 'expected a property name in double quotes');
      const end = stringEnd(text, at);
      if (typeof end !== 'number') return problem(end.at, end.what);
      at = end;
      expect = 'colon';
    } else if (char === '{' || char === '[') {
      open.push(char);
      at++;
      expect = char === '{' ? 'name-or-}' : 'value-or-]';
    } else {
      const end = scalarEnd(text, at);
      if (typeof end !== 'number') return problem(end.at, end.what);
      at = end;
      expect = afterValue();
    }
  }
}

/** The offset after a string, number or literal that starts at `at`. */
function scalarEnd(text: string, at: number): number | { at: number; what: string } {
  if (text[at] === '"') return stringEnd(text, at);
  NUMBER.lastIndex = at;
  if (NUMBER.test(text)) return NUMBER.lastIndex;
  const literal = LITERALS.find(word => text.startsWith(word, at));
  if (literal !== undefined) return at + literal.length;
  return { at, what: 'expected a value (an object, array, string in double quotes, number, true, false or null)' };
}

/** The offset after the string whose opening quote is at `at`. */
function stringEnd(text: string, at: number): number | { at: number; what: string } {
  let i = at + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code === 0x5c) {
      ESCAPE.lastIndex = i;
      if (!ESCAPE.test(text)) return { at: i, what: 'a backslash that starts no escape JSON knows' };
      i = ESCAPE.lastIndex;
    } else if (code < 0x20) {
      return { at: i, what: 'a control character (a line break, a tab) inside a string' };
    } else {
      i++;
    }
  }
  return { at: text.length, what: 'a string that is never closed' };
}

function skipWhitespace(text: string, at: number): number {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
