import { INPUT_LIMITS } from './input-limits';
import { excerpt } from './input-problems';
import { INTRINSIC_TAGS } from './intrinsic-tags';
import { Alias, Composer, Document, isAlias, isMap, isScalar, isSeq, Lexer, LineCounter, Parser, Scalar, visitYaml, YAMLParseError, YamlNode } from './parsers';
import { ParseProblem, quotedExcerpt, StructuredText } from './structured-text';
import { GluedComments } from './yaml-glued-comments';
import { setOwn } from '../policy/fields';

/**
 * YAML as CloudFormation reads it: every short-form intrinsic tag (`!Ref`, `!GetAtt a.b`, `!If`,
 * `!Sub`, ... `!Transform`) becomes its long form; a comment may follow a token with no white space
 * between (`!Sub 'arn:aws:s3:::b'#note`); duplicate keys and more than one document are errors; key
 * positions are kept for messages.
 */
export function parseYaml(text: string): StructuredText | ParseProblem {
  const lineCounter = new LineCounter();
  let doc: Document | { readonly tooDeepAt: number };
  try {
    doc = composeDocument(text, lineCounter);
  } catch (error) {
    // The YAML library recurses into nested collections: one it still could not compose is no template.
    if (error instanceof RangeError) return { message: `not read: YAML nested too deep (${error.message})` };
    throw error;
  }
  if ('tooDeepAt' in doc) {
    return { line: lineCounter.linePos(doc.tooDeepAt).line, message: `not read: sequences and mappings nested more than ${INPUT_LIMITS.nestingDepth} deep` };
  }
  const [error] = doc.errors;
  if (error) {
    return { line: lineCounter.linePos(error.pos[0]).line, message: `not valid YAML: ${firstLine(error.message)}` };
  }
  const keyOffsets = new WeakMap<object, Map<string, number>>();
  try {
    const value = new Converter(doc, keyOffsets).toValue(doc.contents);
    return {
      value,
      positionOfKey: (owner, key) => {
        const offset = keyOffsets.get(owner)?.get(key);
        if (offset === undefined) return undefined;
        const { line, col } = lineCounter.linePos(offset);
        return { line, column: col };
      },
    };
  } catch (problem) {
    if (problem instanceof ConversionProblem) {
      return { line: lineCounter.linePos(problem.offset).line, message: problem.message };
    }
    throw problem;
  }
}

/** How much deeper than the nesting bound the parser's stack may grow: a flow or block collection takes one or two entries. */
const STACK_SLACK = 8;

/**
 * The one document of `text`, composed as the YAML library's parseDocument composes it, but fed
 * one token at a time: it stops where the parser's stack, with the block sequence indicators
 * (`- - -`) of the current line, gets deeper than the nesting bound. The library builds its
 * syntax tree and composes it recursively, and a megabyte of `[[[[` would otherwise take
 * gigabytes or the whole stack before the converter's own bound is reached.
 */
function composeDocument(text: string, lineCounter: LineCounter): Document | { readonly tooDeepAt: number } {
  // As the parser's own parse() does: the first line starts at 0.
  lineCounter.addNewLine(0);
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer({ uniqueKeys: false, merge: true, customTags: INTRINSIC_TAGS });
  let tooDeepAt: number | undefined;
  const tokens = function* () {
    let indicators = 0;
    const comments = new GluedComments();
    for (const lexed of new Lexer().lex(text)) {
      const lexeme = comments.rewrite(lexed);
      if (lexeme === '\n') indicators = 0;
      else if (lexeme === '-' || lexeme === '?') indicators++;
      yield* parser.next(lexeme);
      if (parser.stack.length + indicators > INPUT_LIMITS.nestingDepth + STACK_SLACK) {
        tooDeepAt = parser.offset;
        return;
      }
    }
    yield* parser.end();
  };
  let doc: Document | undefined;
  for (const composed of composer.compose(tokens(), true, text.length)) {
    if (doc === undefined) {
      doc = composed;
    } else {
      doc.errors.push(new YAMLParseError(composed.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
      break;
    }
  }
  return tooDeepAt !== undefined ? { tooDeepAt } : doc!;
}

class ConversionProblem extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/** The most aliases a file may expand, so that a "billion laughs" file cannot exhaust memory. */
const MAX_ALIASES = 1000;
/**
 * The most values one file may convert to, aliases expanded: a template of 1,000,000 bytes holds
 * at most about 250,000, so only aliases of large nodes reach it.
 */
const MAX_VALUES = 1_000_000;

class Converter {
  private aliases = 0;
  private values = 0;
  /** The nodes being converted, outermost first: an alias to one of them would never end. */
  private readonly open: YamlNode[] = [];

  /** The node each alias names, found when the first alias is met. */
  private targets: Map<YamlNode, YamlNode | undefined> | undefined;

  constructor(private readonly doc: Document, private readonly keyOffsets: WeakMap<object, Map<string, number>>) {}

  /**
   * The node an alias names: the last one with its anchor before it. The YAML library's own
   * `resolve` walks the whole document for each alias: a template of 700 KB with 1,000 aliases
   * took 100 s. One walk finds them all.
   */
  private targetOf(alias: Alias): YamlNode | undefined {
    if (this.targets === undefined) {
      const targets = new Map<YamlNode, YamlNode | undefined>();
      const latest = new Map<string, YamlNode>();
      visitYaml(this.doc, {
        Node: (_key, node) => {
          if (isAlias(node)) targets.set(node, latest.get(node.source));
          else if (node.anchor) latest.set(node.anchor, node);
        },
      });
      this.targets = targets;
    }
    return this.targets.get(alias);
  }

  toValue(node: unknown): unknown {
    if (node === null || node === undefined) {
      return null;
    }
    const yamlNode = node as YamlNode;
    const offset = yamlNode.range?.[0] ?? 0;
    if (isAlias(yamlNode)) {
      if (++this.aliases > MAX_ALIASES) {
        throw new ConversionProblem(`more than ${MAX_ALIASES} YAML aliases`, offset);
      }
      const target = this.targetOf(yamlNode);
      if (target === undefined) {
        // The YAML library composes it as an alias all the same; every YAML reader refuses it.
        throw new ConversionProblem(`not valid YAML: the alias *${excerpt(yamlNode.source, 40)} has no anchor &${excerpt(yamlNode.source, 40)} before it`, offset);
      }
      if (this.open.includes(target)) {
        throw new ConversionProblem(`the alias *${excerpt(yamlNode.source, 40)} is inside the node it names, which would never end`, offset);
      }
      return this.toValue(target);
    }
    if (++this.values > MAX_VALUES) {
      throw new ConversionProblem(`more than ${MAX_VALUES.toLocaleString('en-US')} values once aliases are expanded`, offset);
    }
    if (this.open.length >= INPUT_LIMITS.nestingDepth) {
      throw new ConversionProblem(`not read: sequences and mappings nested more than ${INPUT_LIMITS.nestingDepth} deep`, offset);
    }
    this.open.push(yamlNode);
    try {
      const plain = this.plainValue(yamlNode);
      return yamlNode.tag?.startsWith('!') && !yamlNode.tag.startsWith('!!') ? intrinsic(yamlNode.tag.slice(1), plain) : plain;
    } finally {
      this.open.pop();
    }
  }

  private plainValue(node: YamlNode): unknown {
    if (isScalar(node)) {
      return jsonScalar(node);
    }
    if (isSeq(node)) {
      return node.items.map(item => this.toValue(item));
    }
    if (isMap(node)) {
      const result: Record<string, unknown> = {};
      const offsets = new Map<string, number>();
      // The parser's own duplicate check compares every key with every earlier one: seconds on a
      // template of 10,000 resources. Keys a merge supplied may be written again.
      const written = new Set<string>();
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const offset = keyNode?.range?.[0] ?? node.range?.[0] ?? 0;
        if (isMergeKey(keyNode)) {
          this.merge(result, offsets, this.toValue(pair.value), offset);
          continue;
        }
        const key = keyText(this.toValue(keyNode), offset);
        if (written.has(key)) {
          throw new ConversionProblem(`not valid YAML: duplicate key ${quotedExcerpt(key)}`, offset);
        }
        written.add(key);
        setOwn(result, key, this.toValue(pair.value));
        offsets.set(key, offset);
      }
      this.keyOffsets.set(result, offsets);
      return result;
    }
    return null;
  }

  /**
   * `<<: *a` or `<<: [*a, *b]`: the keys of the merged mappings that `into` does not have yet
   * (keys written before `<<` win, later ones overwrite; an earlier mapping of a list wins).
   * A merged key is placed at the `<<`.
   */
  private merge(into: Record<string, unknown>, offsets: Map<string, number>, merged: unknown, offset: number): void {
    for (const source of Array.isArray(merged) ? merged : [merged]) {
      if (typeof source !== 'object' || source === null || Array.isArray(source)) {
        throw new ConversionProblem('a YAML merge key (<<) takes a mapping or a list of mappings', offset);
      }
      for (const [key, value] of Object.entries(source)) {
        if (!Object.prototype.hasOwnProperty.call(into, key)) {
          setOwn(into, key, value);
          offsets.set(key, offset);
        }
      }
    }
  }
}

/**
 * A scalar as a template has it: a string, number, boolean or null. What the YAML library makes
 * of YAML 1.1's timestamps (a Date: `%YAML 1.1` makes `2010-09-09` one), of `!!binary` (bytes)
 * and of `!!merge` out of a key (a symbol) is the text as written, as CloudFormation reads an
 * unquoted 2010-09-09.
 */
function jsonScalar(node: Scalar): unknown {
  const value: unknown = node.value;
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return node.source ?? '';
}

/** The `<<` key of a merge: with merge keys on, the YAML library reads a plain `<<` as a symbol. */
function isMergeKey(key: YamlNode | null): boolean {
  return isScalar(key) && typeof key.value === 'symbol';
}

/** `!Ref x` → `{ Ref: x }`, `!Condition c` → `{ Condition: c }`, `!GetAtt a.b.c` → `{ Fn::GetAtt: [a, b.c] }`, `!X v` → `{ Fn::X: v }`. */
function intrinsic(name: string, value: unknown): unknown {
  if (name === 'Ref' || name === 'Condition') {
    return { [name]: value };
  }
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}

/** A mapping key as JSON has it: a string. A key that is itself a mapping or a sequence has none. */
function keyText(key: unknown, offset: number): string {
  if (key === null || typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean') return String(key);
  throw new ConversionProblem('a mapping key is a sequence or a mapping, which a template cannot have', offset);
}

function firstLine(message: string): string {
  return excerpt(message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), 200);
}
