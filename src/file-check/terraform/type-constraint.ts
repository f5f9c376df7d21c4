import { setOwn } from '../../policy/fields';
import { INPUT_LIMITS } from '../input-limits';
import { TerraformValue } from './terraform-value';

/** A variable's `type` as Terraform reads it: `list(object({ id = string, days = optional(number, 7) }))`. */
export type TypeConstraint =
  | { readonly kind: 'string' | 'number' | 'bool' | 'any' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly element: TypeConstraint }
  | { readonly kind: 'object'; readonly attributes: ReadonlyMap<string, ObjectAttribute> }
  | { readonly kind: 'tuple'; readonly elements: readonly TypeConstraint[] };

/** An attribute of an object type: `optional(T)` may be omitted (null), `optional(T, default)` takes the default. */
export interface ObjectAttribute {
  readonly type: TypeConstraint;
  readonly optional: boolean;
  /** The default of `optional(T, default)`, before its conversion to T; undefined without one. */
  readonly default?: TerraformValue;
}

/**
 * The type constraint written in `text` (`${list(string)}` from a .tf file, `list(string)` from a
 * .tf.json file; the quoted `"string"`, `"list"` and `"map"` of Terraform 0.11, which Terraform
 * 1.x refuses, are read as 0.12 read them). Undefined for what this reader does not know (and for
 * the types Terraform refuses): the caller then keeps the value as written, as mpu-check did before
 * it read types.
 */
export function parseTypeConstraint(text: string): TypeConstraint | undefined {
  const legacy = LEGACY[text];
  if (legacy !== undefined) return legacy;
  const wrapped = /^\$\{([\s\S]*)\}$/.exec(text);
  try {
    const parser = new TypeParser(wrapped ? wrapped[1] : text);
    const type = parser.type(0);
    parser.expectEnd();
    return type;
  } catch (error) {
    if (error instanceof NotRead) return undefined;
    throw error;
  }
}

const ANY: TypeConstraint = { kind: 'any' };
const LEGACY: Readonly<Record<string, TypeConstraint>> = Object.assign(Object.create(null) as Record<string, TypeConstraint>, {
  string: { kind: 'string' }, list: { kind: 'list', element: ANY }, map: { kind: 'map', element: ANY },
});

/** A type expression (or an optional() default) this reader does not read. */
class NotRead extends Error {}

interface Token {
  /** `(`, `)`, `{`, `}`, `[`, `]`, `,`, `=`, `:`, `-`, an identifier, a number or a string (with its quotes). */
  readonly text: string;
  /** True when a newline comes before it: what separates an object's attributes as a comma does. */
  readonly afterNewline: boolean;
}

const TOKEN = /\s*(?:(?:#|\/\/)[^\n]*|\/\*[\s\S]*?\*\/)?/y;
const WORD = /[A-Za-z_][\w-]*|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|"(?:[^"\\\n]|\\.)*"|[(){}[\],=:-]/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  let afterNewline = false;
  while (at < text.length) {
    TOKEN.lastIndex = at;
    const space = TOKEN.exec(text)!;
    if (space[0] !== '') {
      afterNewline ||= space[0].includes('\n');
      at += space[0].length;
      continue;
    }
    WORD.lastIndex = at;
    const word = WORD.exec(text);
    if (word === null) throw new NotRead();
    tokens.push({ text: word[0], afterNewline });
    afterNewline = false;
    at += word[0].length;
  }
  return tokens;
}

const PRIMITIVES = new Set(['string', 'number', 'bool', 'any']);

/** Reads a type expression, and the constant defaults of optional() (Terraform evaluates them with no variables or functions). */
class TypeParser {
  private readonly tokens: Token[];
  private at = 0;

  constructor(text: string) {
    this.tokens = tokenize(text);
  }

  type(depth: number): TypeConstraint {
    if (depth > INPUT_LIMITS.nestingDepth) throw new NotRead();
    const name = this.next();
    if (PRIMITIVES.has(name)) return { kind: name as 'string' };
    // `list` and `map` alone are Terraform 0.12's shorthand for list(any) and map(any), which 1.11 still reads as a whole type only.
    if ((name === 'list' || name === 'map') && depth === 0 && this.peek() !== '(') return { kind: name, element: ANY };
    this.expect('(');
    let type: TypeConstraint;
    if (name === 'list' || name === 'set' || name === 'map') {
      type = { kind: name, element: this.type(depth + 1) };
    } else if (name === 'object') {
      type = this.objectType(depth + 1);
    } else if (name === 'tuple') {
      type = { kind: 'tuple', elements: this.sequence('[', ']', () => this.type(depth + 1)) };
    } else {
      throw new NotRead();
    }
    this.expect(')');
    return type;
  }

  expectEnd(): void {
    if (this.at < this.tokens.length) throw new NotRead();
  }

  private objectType(depth: number): TypeConstraint {
    const attributes = new Map<string, ObjectAttribute>();
    for (const [name, attribute] of this.entries(() => this.attribute(depth), false)) attributes.set(name, attribute);
    return { kind: 'object', attributes };
  }

  private attribute(depth: number): ObjectAttribute {
    if (this.peek() !== 'optional') return { type: this.type(depth), optional: false };
    this.next();
    this.expect('(');
    const type = this.type(depth + 1);
    let value: TerraformValue | undefined;
    if (this.peek() === ',') {
      this.next();
      value = this.constant(depth + 1);
    }
    this.expect(')');
    return { type, optional: true, default: value };
  }

  /**
   * `{ key = item, "key" = item }`, items separated by commas or newlines; quoted keys only in a
   * constant (Terraform refuses them in an object type).
   */
  private entries<T>(item: () => T, quotedKeys = true): Array<[string, T]> {
    this.expect('{');
    const entries: Array<[string, T]> = [];
    while (this.peek() !== '}') {
      const key = this.next();
      const name = key.startsWith('"') && quotedKeys ? stringOf(key) : key;
      if (!/^[A-Za-z_]/.test(name)) throw new NotRead();
      const separator = this.next();
      if (separator !== '=' && separator !== ':') throw new NotRead();
      entries.push([name, item()]);
      const following = this.tokens[this.at];
      if (following?.text === ',') this.next();
      else if (following !== undefined && following.text !== '}' && !following.afterNewline) throw new NotRead();
    }
    this.next();
    return entries;
  }

  /** `[item, item]`, a trailing comma allowed. */
  private sequence<T>(open: string, close: string, item: () => T): T[] {
    this.expect(open);
    const items: T[] = [];
    while (this.peek() !== close) {
      items.push(item());
      if (this.peek() === ',') this.next();
      else if (this.peek() !== close) throw new NotRead();
    }
    this.next();
    return items;
  }

  /** A constant: a number, a string without interpolation, true, false, null, or a tuple or object of constants. */
  private constant(depth: number): TerraformValue {
    if (depth > INPUT_LIMITS.nestingDepth) throw new NotRead();
    const token = this.peek();
    if (token === '[') return this.sequence('[', ']', () => this.constant(depth + 1));
    if (token === '{') {
      const object: Record<string, TerraformValue> = {};
      for (const [key, value] of this.entries(() => this.constant(depth + 1))) setOwn(object, key, value);
      return object;
    }
    this.next();
    if (token === '-' && /^\d/.test(this.peek() ?? '')) return -Number(this.next());
    if (/^\d/.test(token ?? '')) return Number(token);
    if (token?.startsWith('"')) return stringOf(token);
    const words: Record<string, TerraformValue> = { true: true, false: false, null: null };
    if (token !== undefined && Object.prototype.hasOwnProperty.call(words, token)) return words[token];
    throw new NotRead();
  }

  private peek(): string | undefined {
    return this.tokens[this.at]?.text;
  }

  private next(): string {
    const token = this.tokens[this.at++];
    if (token === undefined) throw new NotRead();
    return token.text;
  }

  private expect(text: string): void {
    if (this.next() !== text) throw new NotRead();
  }
}

/** A quoted string's value; one with an interpolation or a template directive is not a constant this reader reads. */
function stringOf(token: string): string {
  const body = token.slice(1, -1);
  if (/(^|[^$])\$\{|(^|[^%])%\{/.test(body)) throw new NotRead();
  try {
    return JSON.parse(`"${body.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')}"`) as string;
  } catch {
    throw new NotRead();
  }
}
