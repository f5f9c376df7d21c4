import * as fc from 'fast-check';
import { INPUT_LIMITS } from '../../src/file-check/input-limits';
import { parseStructuredText } from '../../src/file-check/parse-structured-text';
import { assertProperty, expectReadResult, PROTOTYPE_KEYS } from '../fixtures/hostile-input';

/**
 * Whatever text a pull request puts in a .yaml template, the YAML reader gives a value or one
 * problem for the file: never an exception, never a value that is not plain JSON.
 */

type Decorated = { readonly anchor?: string; readonly tag?: string };
type YamlTree = Decorated & (
  | { readonly kind: 'scalar'; readonly text: string }
  | { readonly kind: 'literal'; readonly lines: readonly string[] }
  | { readonly kind: 'alias'; readonly name: string }
  | { readonly kind: 'map'; readonly flow: boolean; readonly entries: ReadonlyArray<readonly [YamlKey, YamlTree]> }
  | { readonly kind: 'seq'; readonly flow: boolean; readonly items: readonly YamlTree[] }
);
/** A plain key, the merge key, or a complex key (`? [a, b]`). */
type YamlKey = string | { readonly merge: true } | { readonly complex: YamlTree };

const ANCHORS = ['a', 'b'];
const TAGS = ['!Ref', '!GetAtt', '!If', '!Sub', '!Condition', '!Join', '!!str', '!!int', '!!float', '!!map', '!!seq', '!!binary',
  '!!timestamp', '!!set', '!!omap', '!!pairs', '!', '!Unknown', '!<tag:yaml.org,2002:str>', '!!null', '!!bool', '!!merge'];
const SCALARS = ['x', 'Enabled', 'AWS::S3::Bucket', '7', '-1', '1.5', '1e300', '0x1F', '0o17', '0b101', '1_000', '190:20:30', '.inf', '-.nan',
  'null', '~', 'true', 'yes', 'y', 'off', '2001-12-14', '2001-12-14t21:59:43.10-05:00', 'aGVsbG8=', "'single'", '"dq \\u0000 \\x41"',
  '""', 'Bucket.Arn', 'a.b.c', '${AWS::Region}', '"polluted"'];
const KEYS = [...PROTOTYPE_KEYS, 'Resources', 'Type', 'Properties', 'LifecycleConfiguration', 'Rules', 'AbortIncompleteMultipartUpload',
  'DaysAfterInitiation', 'Fn::If', 'Ref', '1', 'true', 'null', '~', 'a', 'a'];

const decoration = fc.record({
  anchor: fc.option(fc.constantFrom(...ANCHORS), { freq: 3, nil: undefined }),
  tag: fc.option(fc.constantFrom(...TAGS), { freq: 3, nil: undefined }),
}, { noNullPrototype: true });

const yamlTree: fc.Arbitrary<YamlTree> = fc.letrec<{ tree: YamlTree; key: YamlKey }>(tie => ({
  tree: fc.tuple(decoration, fc.oneof(
    { maxDepth: 5, depthSize: 'small' },
    fc.constantFrom(...SCALARS).map(text => ({ kind: 'scalar' as const, text })),
    fc.array(fc.constantFrom('text', '  more', '', '*a', '- x'), { minLength: 1, maxLength: 3 }).map(lines => ({ kind: 'literal' as const, lines })),
    fc.constantFrom('a', 'b', 'c').map(name => ({ kind: 'alias' as const, name })),
    fc.tuple(fc.boolean(), fc.array(fc.tuple(tie('key'), tie('tree')), { maxLength: 4 }))
      .map(([inFlow, entries]) => ({ kind: 'map' as const, flow: inFlow, entries })),
    fc.tuple(fc.boolean(), fc.array(tie('tree'), { maxLength: 4 })).map(([inFlow, items]) => ({ kind: 'seq' as const, flow: inFlow, items })),
  )).map(([decorated, tree]) => ({ ...tree, ...withoutUndefined(decorated) })),
  key: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...KEYS) },
    { weight: 2, arbitrary: fc.constant({ merge: true as const }) },
    { weight: 1, arbitrary: tie('tree').map(complex => ({ complex })) },
  ),
})).tree;

function withoutUndefined(decorated: Decorated): Decorated {
  return Object.fromEntries(Object.entries(decorated).filter(([, value]) => value !== undefined));
}

/** The node's anchor and tag, each followed by a blank. */
function properties(node: Decorated): string {
  return `${node.anchor === undefined ? '' : `&${node.anchor} `}${node.tag === undefined ? '' : `${node.tag} `}`;
}

/** The node written in flow style, on one line. */
function flow(node: YamlTree): string {
  const written = (() => {
    switch (node.kind) {
      case 'scalar': return node.text;
      case 'literal': return JSON.stringify(node.lines.join('\n'));
      case 'alias': return `*${node.name}`;
      case 'seq': return `[${node.items.map(flow).join(', ')}]`;
      case 'map': return `{${node.entries.map(([key, value]) => `${flowKey(key)}: ${flow(value)}`).join(', ')}}`;
    }
  })();
  return node.kind === 'alias' ? written : `${properties(node)}${written}`;
}

function flowKey(key: YamlKey): string {
  if (typeof key === 'string') return /^[\w.:]+$/.test(key) ? key : JSON.stringify(key);
  return 'merge' in key ? '<<' : `? ${flow(key.complex)}`;
}

/** The node as the value after `key:` or `-`, in block style where it is a block collection: its text from the colon or dash on. */
function block(node: YamlTree, indent: number): string {
  const pad = ' '.repeat(indent);
  if (node.kind === 'literal') return ` ${properties(node)}|\n${node.lines.map(line => `${pad}${line}`).join('\n')}`;
  if ((node.kind !== 'map' && node.kind !== 'seq') || node.flow || (node.kind === 'map' ? node.entries.length : node.items.length) === 0) {
    return ` ${flow(node)}`;
  }
  const head = properties(node).trimEnd();
  const lines = node.kind === 'seq'
    ? node.items.map(item => `${pad}-${block(item, indent + 2)}`)
    : node.entries.map(([key, value]) => (typeof key !== 'string' && 'complex' in key
      ? `${pad}? ${flow(key.complex)}\n${pad}:${block(value, indent + 2)}`
      : `${pad}${flowKey(key)}:${block(value, indent + 2)}`));
  return `${head === '' ? '' : ` ${head}`}\n${lines.join('\n')}`;
}

/** A whole document: a template whose Resources is the tree, or the tree alone, with a directive or a second document now and then. */
const yamlDocument = fc.tuple(
  yamlTree,
  fc.boolean(),
  fc.constantFrom('', '', '', '---\n', '%YAML 1.1\n---\n', '%YAML 1.2\n---\n', '%TAG ! tag:example.com,2000:\n---\n'),
  fc.constantFrom('', '', '', '\n---\nb: 1\n', '\n...\n', '\n# comment\n'),
).map(([tree, template, before, after]) => `${before}${template ? `AWSTemplateFormatVersion: 2010-09-09\nResources:${block(tree, 2)}` : `root:${block(tree, 2)}`}${after}\n`);

/** YAML nested past the bound, in flow and in block style. */
const deepYaml = fc.tuple(
  fc.integer({ min: INPUT_LIMITS.nestingDepth - 8, max: 3 * INPUT_LIMITS.nestingDepth }),
  fc.constantFrom('flow-seq', 'flow-map', 'dash', 'indent', 'anchors'),
).map(([depth, style]) => {
  switch (style) {
    case 'flow-seq': return `a: ${'['.repeat(depth)}x${']'.repeat(depth)}\n`;
    case 'flow-map': return `a: ${'{a: '.repeat(depth)}x${'}'.repeat(depth)}\n`;
    case 'dash': return `${'- '.repeat(depth)}x\n`;
    case 'indent': return Array.from({ length: depth }, (_, level) => `${' '.repeat(level)}a:`).join('\n') + ' x\n';
    default: return `${Array.from({ length: depth }, (_, level) => `a${level}: &a${level} [${level === 0 ? 'x' : `*a${level - 1}, *a${level - 1}`}]`).join('\n')}\n`;
  }
});

/** Breaks for a document: YAML's indicators, a tab, a line break. */
const YAML_TOKENS = [':', ': ', '- ', '&a ', '*a', '*b', '!Ref ', '!!binary ', '\t', '<<: ', '? ', '{', '}', '[', ']', '"', "'", '#', '\n', '\n  ', '|', '>', ',', '%', '@', '`'];

const brokenYaml = fc.tuple(yamlDocument, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...YAML_TOKENS), fc.nat(8)), { minLength: 1, maxLength: 3 }))
  .map(([text, edits]) => edits.reduce((current, [at, token, cut]) => {
    const where = at % (current.length + 1);
    return current.slice(0, where) + token + current.slice(where + cut);
  }, text));

describe('the YAML reader, on any text', () => {
  test('documents of anchors, aliases (self-referencing too), merge keys, short-form tags, flow and block nesting and complex keys', () => {
    assertProperty(fc.property(yamlDocument, text => expectReadResult(parseStructuredText(text))), 2711, 1500);
  });

  test('YAML nested past the bound of 128 in every style', () => {
    assertProperty(fc.property(deepYaml, text => expectReadResult(parseStructuredText(text))), 2712, 60);
  });

  test('documents with broken indentation, indicators and quotes', () => {
    assertProperty(fc.property(brokenYaml, text => expectReadResult(parseStructuredText(text))), 2713, 1000);
  });
});
