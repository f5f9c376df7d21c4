import * as fc from 'fast-check';
import { INPUT_LIMITS } from '../../src/file-check/input-limits';
import { parseJsonWithPositions } from '../../src/file-check/parse-json';
import { parseStructuredText } from '../../src/file-check/parse-structured-text';
import { isParseProblem, ParseProblem, StructuredText } from '../../src/file-check/structured-text';
import { assertProperty, expectReadResult, hostileJson, hostileKey } from '../fixtures/hostile-input';

/**
 * Whatever text a pull request puts in a .json file, the JSON reader (and parseStructuredText,
 * which falls back to YAML) gives a value or one problem for the file: never an exception.
 */

/** Text the JSON reader must agree with JSON.parse on, when it reads it at all (it refuses duplicates and depth that JSON.parse takes). */
function expectAgreesWithJsonParse(text: string, result: StructuredText | ParseProblem): void {
  if (isParseProblem(result)) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`read as JSON, but JSON.parse refuses it (${(error as Error).message}): ${JSON.stringify(text)}`);
  }
  expect(result.value).toEqual(parsed);
}

/** Pieces of JSON and of things that are nearly JSON. */
const JSON_TOKENS = ['{', '}', '[', ']', ',', ':', '"', '\\', '\\u', 'true', 'false', 'null', '-', '0', '1e999', '-1e-400', '0x1',
  ' ', '\n', '\r', '\t', '/*', '*/', '//', '\uFEFF', '\u2028', '\u0000', '"__proto__"', '"a"', 'NaN', "'"];

/** JSON-ish text: mostly well-formed objects and arrays of hostile keys (duplicated often), with broken separators, quotes and closings. */
const jsonish: fc.Arbitrary<string> = fc.letrec<{ value: string }>(tie => ({
  value: fc.oneof(
    { maxDepth: 6, depthSize: 'small' },
    fc.oneof(fc.jsonValue({ maxDepth: 0 }).map(value => JSON.stringify(value)), fc.constantFrom(...JSON_TOKENS)),
    fc.tuple(
      fc.array(fc.tuple(jsonKey(), tie('value')), { maxLength: 5 }),
      fc.constantFrom(',', ',', ',', '', ',,', ', '),
      fc.constantFrom('}', '}', '}', '', ']', '}}'),
    ).map(([entries, separator, close]) => `{${entries.map(([key, value]) => `${key}:${value}`).join(separator)}${close}`),
    fc.tuple(fc.array(tie('value'), { maxLength: 5 }), fc.constantFrom(',', ',', '', ',,'), fc.constantFrom(']', ']', '', '}'))
      .map(([items, separator, close]) => `[${items.join(separator)}${close}`),
    fc.tuple(
      fc.integer({ min: INPUT_LIMITS.nestingDepth - 8, max: 3 * INPUT_LIMITS.nestingDepth }),
      fc.constantFrom('[', '{"a":', '{"__proto__":', '[{"k":'),
      fc.integer({ min: -3, max: 3 }),
      tie('value'),
    ).map(([depth, open, missing, inner]) => deep(depth, open, inner, missing)),
  ),
})).value;

function jsonKey(): fc.Arbitrary<string> {
  return fc.oneof(
    // Few keys, so that an object often has one twice.
    { weight: 4, arbitrary: fc.constantFrom('"a"', '"__proto__"', '"Resources"') },
    { weight: 4, arbitrary: hostileKey(['__proto__', 'constructor', 'valueOf', 'toString', 'polluted', 'Type']).map(key => JSON.stringify(key)) },
    { weight: 1, arbitrary: fc.constantFrom('a', '"a', "'a'", '1', '"\\ud800"', '""') },
  );
}

/** `inner` inside `depth` openings, `missing` of their closings left out (or extra when negative). */
function deep(depth: number, open: string, inner: string, missing: number): string {
  const close = open === '[' ? ']' : open === '[{"k":' ? '}]' : '}';
  return `${open.repeat(depth)}${inner}${close.repeat(Math.max(0, depth - missing))}`;
}

/** A template that parses, written compact or indented, to be broken by mutations. */
const validTemplate = fc.tuple(
  fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.record({
    Type: fc.constantFrom('AWS::S3::Bucket', 'AWS::S3::Bucket', 'AWS::SNS::Topic', 'AWS::CloudFormation::Stack'),
    Properties: hostileJson({ maxDepth: 3 }),
  }), { minKeys: 1, maxKeys: 3 }),
  fc.constantFrom(0, 2),
).map(([resources, indent]) => JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, indent));

interface Mutation {
  readonly at: number;
  readonly kind: 'delete' | 'insert' | 'duplicate';
  readonly length: number;
  readonly text: string;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('delete', 'insert', 'duplicate'),
  length: fc.integer({ min: 1, max: 24 }),
  text: fc.constantFrom(...JSON_TOKENS),
});

/** The text with each mutation applied in turn, at a place taken modulo its length. */
function mutated(text: string, mutations: readonly Mutation[]): string {
  return mutations.reduce((current, { at, kind, length, text: inserted }) => {
    const where = at % (current.length + 1);
    if (kind === 'delete') return current.slice(0, where) + current.slice(where + length);
    if (kind === 'insert') return current.slice(0, where) + inserted + current.slice(where);
    return current.slice(0, where) + current.slice(where, where + length) + current.slice(where);
  }, text);
}

const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }));

/** The JSON reader's answer on `text` holds up and agrees with JSON.parse; parseStructuredText's (JSON, else YAML) holds up. */
function readsAnyJson(text: string): void {
  const result = parseJsonWithPositions(text);
  expectReadResult(result);
  expectAgreesWithJsonParse(text, result);
  expectReadResult(parseStructuredText(text));
}

describe('the JSON reader, on any text', () => {
  test('arbitrary strings: a value or one problem, never an exception', () => {
    assertProperty(fc.property(anyText, readsAnyJson), 2701, 3000);
  });

  test('JSON-ish text of deep nesting, duplicate keys and __proto__, constructor, valueOf and toString keys', () => {
    assertProperty(fc.property(fc.oneof(jsonish, jsonish.map(text => `{"Resources":${text}}`)), readsAnyJson), 2702, 1500);
  });

  test('mutations of valid templates', () => {
    assertProperty(fc.property(validTemplate, fc.array(mutation, { minLength: 1, maxLength: 4 }),
      (template, mutations) => readsAnyJson(mutated(template, mutations))), 2703, 1000);
  });
});
