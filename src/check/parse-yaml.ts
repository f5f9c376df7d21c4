import { INTRINSIC_TAGS } from './intrinsic-tags';
import { Document, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, YamlNode } from './parsers';
import { ParseProblem, StructuredText } from './structured-text';

/**
 * YAML as CloudFormation reads it: every short-form intrinsic tag (`!Ref`, `!GetAtt a.b`, `!If`,
 * `!Sub`, ... `!Transform`) becomes its long form; duplicate keys and more than one document are
 * errors; key positions are kept for messages.
 */
export function parseYaml(text: string): StructuredText | ParseProblem {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, merge: true, prettyErrors: true, customTags: INTRINSIC_TAGS });
  const [error] = doc.errors;
  if (error) {
    return { line: error.linePos?.[0].line, message: `not valid YAML: ${firstLine(error.message)}` };
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

class ConversionProblem extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/** The most aliases a file may expand, so that a "billion laughs" file cannot exhaust memory. */
const MAX_ALIASES = 1000;

class Converter {
  private aliases = 0;

  constructor(private readonly doc: Document, private readonly keyOffsets: WeakMap<object, Map<string, number>>) {}

  toValue(node: unknown): unknown {
    if (node === null || node === undefined) {
      return null;
    }
    const yamlNode = node as YamlNode;
    if (isAlias(yamlNode)) {
      if (++this.aliases > MAX_ALIASES) {
        throw new ConversionProblem(`more than ${MAX_ALIASES} YAML aliases`, yamlNode.range?.[0] ?? 0);
      }
      return this.toValue(yamlNode.resolve(this.doc));
    }
    const plain = this.plainValue(yamlNode);
    return yamlNode.tag?.startsWith('!') && !yamlNode.tag.startsWith('!!') ? intrinsic(yamlNode.tag.slice(1), plain) : plain;
  }

  private plainValue(node: YamlNode): unknown {
    if (isScalar(node)) {
      return node.value;
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
        const key = String(this.toValue(keyNode));
        if (written.has(key)) {
          throw new ConversionProblem(`not valid YAML: duplicate key ${JSON.stringify(key)}`, offset);
        }
        written.add(key);
        result[key] = this.toValue(pair.value);
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
          into[key] = value;
          offsets.set(key, offset);
        }
      }
    }
  }
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

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
