/**
 * The cases of the differential harness (scripts/terraform-differential/terraform-differential.ts): written ones for each
 * construct of issue 28 (layout, type constraints, splats, try/can) and for the functions and
 * operators modules use with them, and random combinations of them, seeded.
 */
import { ConsoleCase } from './terraform-console-case';
import { mulberry32 } from '../lib/mulberry32';

/** Variables the written cases share: untyped, so that only the construct under test converts anything. */
const SHARED = `
variable "rules" {
  default = {
    logs = { enabled = true, days = 3 }
    data = { enabled = false, days = 30 }
  }
}
variable "list" {
  default = [{ id = "a", days = 1 }, { id = "b", days = 2 }]
}
variable "one" {
  default = { id = "solo", days = 5 }
}
variable "nothing" {
  default = null
}
variable "names" {
  default = ["x", "y"]
}
variable "flag" {
  default = true
}
variable "text" {
  default = "abc"
}
variable "n" {
  default = 4
}
`;

const LAYOUT: Array<[string, string]> = [
  ['for-object', '{\n    for k, v in var.rules :\n    k => v\n  }'],
  ['for-object-if', '{\n    for k, v in var.rules :\n    k => v.days\n    if v.enabled\n  }'],
  ['for-list', '[\n    for r in var.list :\n    r.id\n  ]'],
  ['for-list-if-next-line', '[for r in var.list : r.days\n    if r.id != "a"]'],
  ['for-list-of-objects', '[\n    for r in var.list : {\n      id   = r.id\n      days = r.days * 2\n    }\n  ]'],
  ['for-nested', 'flatten([\n    for k, v in var.rules : [\n      for r in var.list : "${k}-${r.id}"\n    ]\n  ])'],
  ['for-comment-brace', '{\n    for k, v in var.rules : # keys }\n    k => v.days\n  }'],
  ['for-grouped', '{\n    for r in concat(var.list, var.list) :\n    r.id => r.days...\n  }'],
  ['for-over-tuple', '[for x in [\n    1,\n    2,\n  ] : x * 10]'],
  ['for-condition-lines', '[\n    for r in var.list : r.id\n    if (\n      r.days > 1 &&\n      r.id != ""\n    )\n  ]'],
  ['for-value-conditional', '[for r in var.list : r.days > 1\n    ? "long" : "short"]'],
  ['conditional-parens', '(\n    var.flag\n    ? var.n\n    : 0\n  )'],
  ['conditional-branch-parens', 'var.flag ? (\n    var.n + 1\n  ) : 0'],
  ['call-trailing-comma', 'join(\n    "-",\n    var.names,\n  )'],
  ['call-nested-lines', 'merge(\n    { a = 1 },\n    {\n      b = 2\n    }\n  )'],
  ['call-then-attribute', 'lookup(\n    var.rules,\n    "logs",\n    null\n  ).days'],
  ['tuple-comments', '[\n    1, # one\n    2, // two\n    /* three */ 3,\n  ]'],
  ['object-lines', '{\n    a = 1\n    b = "two"\n    c = [\n      3,\n    ]\n  }'],
  ['object-commas', '{\n    a = 1,\n    b = var.n,\n  }'],
  ['object-key-expressions', '{\n    (var.text) = 1\n    "${var.text}-b" = 2\n  }'],
  ['interpolation-lines', '"${\n    var.text\n  }-x"'],
  ['template-quotes', '"say \\"${var.text}\\" \\\\ done"'],
  ['template-newline-escape', '"a\\nb-${var.text}"'],
  ['template-escaped-interpolation', '"$${literal}-${var.text}"'],
  ['heredoc', '<<-EOT\n    ${var.text}\n    line "two"\n  EOT'],
  ['template-for-directive', '"%{ for n in var.names }${n},%{ endfor }"'],
  ['template-if-directive', '"%{ if var.flag }yes%{ else }no%{ endif }"'],
  ['index-lines', 'var.list[\n    1\n  ].id'],
  ['operators-lines', '(\n    var.n\n    + 1\n    * 2\n  )'],
  ['call-conditional-tuple', 'length(\n    var.flag ? [\n      1,\n      2,\n    ] : []\n  )'],
  ['for-in-object-value', '{\n    ids = [\n      for r in var.list :\n      r.id\n    ]\n  }'],
  ['interpolated-for', '"${join(",", [\n    for n in var.names : upper(n)\n  ])}"'],
];

/** [name, type, value source, where the value is given: the default or terraform.tfvars]. */
const TYPES: Array<[string, string, string, ('default' | 'tfvars')?]> = [
  ['string-from-number', 'string', '5'],
  ['string-from-bool', 'string', 'true'],
  ['string-from-fraction', 'string', '1.5'],
  ['number-from-string', 'number', '"7"'],
  ['number-from-word', 'number', '"abc"'],
  ['number-from-padded-string', 'number', '" 5"'],
  ['number-from-bool', 'number', 'true'],
  ['bool-from-string', 'bool', '"true"'],
  ['bool-from-one', 'bool', '"1"'],
  ['bool-from-capitalized', 'bool', '"True"'],
  ['bool-from-number', 'bool', '1'],
  ['string-from-list', 'string', '["a"]'],
  ['list-string-converts', 'list(string)', '[1, true, "x"]'],
  ['list-string-from-string', 'list(string)', '"x"'],
  ['list-string-null-element', 'list(string)', '["a", null]'],
  ['list-empty-objects', 'list(object({ id = string }))', '[]'],
  ['set-string-sorted', 'set(string)', '["b", "a", "b", "10", "9"]'],
  ['set-number-sorted', 'set(number)', '[3, 1, 2, 1, 10]'],
  ['set-null-element', 'set(string)', '["a", null]'],
  ['map-number-converts', 'map(number)', '{ a = "1", b = 2 }'],
  ['map-string-from-list-value', 'map(string)', '{ a = [1] }'],
  ['map-list-from-string', 'map(list(string))', '{ a = "x" }'],
  ['object-drops-extra', 'object({ a = string })', '{ a = 1, extra = 2 }'],
  ['object-missing-required', 'object({ a = string, b = number })', '{ a = "x" }'],
  ['object-empty-type', 'object({})', '{ a = 1 }'],
  ['optional-null', 'object({ a = string, b = optional(number) })', '{ a = "x" }'],
  ['optional-default', 'object({ a = string, b = optional(number, 7) })', '{ a = "x" }'],
  ['optional-default-for-null', 'object({ b = optional(number, 7) })', '{ b = null }'],
  ['optional-default-converts', 'object({ b = optional(string, 7) })', '{}'],
  ['optional-list-default', 'object({ tags = optional(list(string), []) })', '{}'],
  ['optional-map-default', 'object({ tags = optional(map(string), {}) })', '{}'],
  ['optional-object-default-nested', 'object({ abort = optional(object({ days = optional(number, 7), on = optional(bool) }), {}) })', '{}'],
  ['optional-object-given-nested', 'object({ abort = optional(object({ days = optional(number, 7), on = optional(bool) }), {}) })', '{ abort = { on = "true" } }'],
  ['lifecycle-rules', `list(object({
    id      = string
    enabled = optional(bool, true)
    filter = optional(object({
      prefix = optional(string)
    }))
    abort_incomplete_multipart_upload = optional(object({
      days_after_initiation = optional(number, 7)
    }))
  }))`, '[{ id = "a" }, { id = "b", filter = {}, enabled = "false" }, { id = "c", abort_incomplete_multipart_upload = {} }]'],
  ['map-of-optional-objects', 'map(object({ enabled = optional(bool, true), days = optional(number) }))', '{ logs = {}, data = { days = "30" } }'],
  ['set-of-objects-with-defaults', 'list(set(string))', '[["b", "a"], []]'],
  ['tuple-converts', 'tuple([string, number])', '["a", "2"]'],
  ['tuple-wrong-length', 'tuple([string, number])', '["a"]'],
  ['list-any-unifies-primitives', 'list(any)', '[1, "a", true]'],
  ['list-any-numbers', 'list(any)', '[1, 2]'],
  ['list-any-objects-differ', 'list(any)', '[{ a = 1 }, { b = "x" }]'],
  ['list-any-objects-same', 'list(any)', '[{ a = 1 }, { a = "x" }]'],
  ['map-any-unifies', 'map(any)', '{ a = 1, b = "x" }'],
  ['map-any-lists', 'map(any)', '{ a = [1], b = ["x"] }'],
  ['any-keeps-tuple', 'any', '[1, "a", { b = true }]'],
  ['list-list-number', 'list(list(number))', '[["1", 2], []]'],
  ['null-value', 'list(string)', 'null'],
  ['object-null-attribute', 'object({ a = string })', '{ a = null }'],
  ['tfvars-number', 'number', '"12"', 'tfvars'],
  ['tfvars-optional', 'list(object({ id = string, days = optional(number, 7) }))', '[{ id = "x" }]', 'tfvars'],
  ['map-from-object-of-objects', 'map(object({ n = optional(number, 1) }))', '{ a = {}, b = { n = 2 } }'],
  ['object-from-list', 'object({ a = string })', '["a"]'],
  ['list-from-map', 'list(string)', '{ a = "x" }'],
  ['set-from-tuple-of-numbers', 'set(string)', '[2, 10, 1]'],
];

const SPLATS: Array<[string, string]> = [
  ['list-attribute', 'var.list[*].id'],
  ['list-legacy-attribute', 'var.list.*.id'],
  ['list-whole', 'var.list[*]'],
  ['single-object', 'var.one[*]'],
  ['single-object-attribute', 'var.one[*].id'],
  ['null', 'var.nothing[*]'],
  ['null-attribute', 'var.nothing[*].id'],
  ['null-literal', 'null[*]'],
  ['try-null', 'try(var.nothing, null)[*]'],
  ['try-single', 'try(var.one, null)[*]'],
  ['length-of-null', 'length(var.nothing[*])'],
  ['string', 'var.text[*]'],
  ['number', 'var.n[*]'],
  ['object-of-objects', 'var.rules[*]'],
  ['object-of-objects-attribute', 'var.rules[*].logs.days'],
  ['index-in-each', 'var.list[*]["id"]'],
  ['legacy-then-index', 'var.list.*.id[0]'],
  ['full-then-index-each', 'var.list[*].id[0]'],
  ['missing-attribute', 'var.list[*].missing'],
  ['try-missing-attribute', 'try(var.list[*].missing, [])'],
  ['can-missing-attribute', 'can(var.list[*].missing)'],
  ['can-single', 'can(var.one[*].id)'],
  ['join', 'join(",", var.list[*].id)'],
  ['one-of-single', 'one(var.one[*].id)'],
  ['names', 'var.names[*]'],
  ['for-over-splat', '{ for x in var.list[*].id : x => x }'],
  ['for-result', '[for r in var.list : r][*].days'],
  ['concat-then-splat', 'concat(var.one[*], var.list)[*].id'],
  ['nested-lists', '[[1, 2], [3]][*][0]'],
  ['set', 'toset(var.names)[*]'],
  ['nested-splat', 'var.list[*].id[*]'],
  ['null-element', '[var.one, null][*].id'],
  ['tuple-literal', '[1, "a"][*]'],
  ['length-of-single', 'length(var.one[*])'],
];

const TRY_CAN: Array<[string, string]> = [
  ['missing-attribute', 'try(var.one.missing, "fallback")'],
  ['index-out-of-range', 'try(var.list[5], "none")'],
  ['tonumber', 'try(tonumber("x"), 0)'],
  ['can-tonumber', 'can(tonumber("x"))'],
  ['error-in-object', 'try({ a = var.one.missing }, "x")'],
  ['error-in-tuple', 'try([var.one.missing], [])'],
  ['error-in-for', 'try([for r in var.list : r.missing], [])'],
  ['error-in-for-key', 'try({ for r in var.list : r.missing => r }, {})'],
  ['error-in-template', 'try("${var.one.missing}-x", "t")'],
  ['can-missing-key', 'can(var.rules["nope"])'],
  ['null-attribute', 'try(var.nothing.id, "n")'],
  ['first-works', 'try(var.rules.logs.days, 1)'],
  ['can-null', 'can(var.nothing)'],
  ['splat-then-index', 'try(var.list[*].days[0], 9)'],
  ['one-of-many', 'try(one(var.list), "many")'],
  ['lookup-two-arguments', 'try(lookup(var.one, "x"), "d")'],
  ['all-fail', 'try(var.one.a, var.one.b)'],
  ['nested', 'try(try(var.one.a, var.one.b), "c")'],
  ['error-in-condition', 'try(var.one.a ? 1 : 2, 3)'],
  ['error-in-unchosen-branch', 'var.flag ? 1 : var.one.missing'],
  ['error-in-merge', 'try(merge(var.one, var.one.missing), {})'],
  ['can-conversion', 'can(tobool("maybe"))'],
];

const FUNCTIONS: Array<[string, string]> = [
  ['keys-order', 'keys({ b = 1, a = 2 })'],
  ['values-order', 'values({ b = 1, a = 2 })'],
  ['for-object-order', '[for k, v in { b = 1, a = 2 } : k]'],
  ['jsonencode-order', 'jsonencode({ b = 1, a = [true, null] })'],
  ['toset-order', 'toset(["b", "a", "b"])'],
  ['distinct', 'distinct([1, 1, 2])'],
  ['compact', 'compact(["a", "", "b"])'],
  ['flatten', 'flatten([[1, [2]], 3, []])'],
  ['coalesce-strings', 'coalesce("", "x")'],
  ['coalesce-mixed', 'coalesce(1, "x")'],
  ['coalescelist', 'coalescelist([], [1])'],
  ['concat-mixed', 'concat([1], ["a"])'],
  ['merge-later-wins', 'merge({ a = 1 }, { a = 2, b = 3 })'],
  ['merge-null', 'merge(null, { a = 1 })'],
  ['lookup-default', 'lookup({ a = 1 }, "b", 2)'],
  ['element-wraps', 'element([1, 2, 3], 4)'],
  ['one-empty', 'one([])'],
  ['one-null', 'one(null)'],
  ['length-unicode', 'length("héllo")'],
  ['length-null', 'length(null)'],
  ['max', 'max(1, 3, 2)'],
  ['max-spread', 'max([1, 5]...)'],
  ['format-padding', 'format("%s-%03d", "a", 7)'],
  ['format-quote', 'format("%q", "a")'],
  ['format-fraction', 'format("%.2f", 1.5)'],
  ['format-width', 'format("%5s|%-5s|", "a", "b")'],
  ['format-value', 'format("%v", 3)'],
  ['split', 'split(",", "a,,b")'],
  ['join-empty', 'join("", [])'],
  ['replace', 'replace("a-b-c", "-", "_")'],
  ['replace-regex', 'replace("abc", "/b/", "x")'],
  ['upper', 'upper("aé")'],
  ['trimspace', 'trimspace("  x \n")'],
  ['tostring-number', 'tostring(5)'],
  ['tostring-null', 'tostring(null)'],
  ['tonumber-exponent', 'tonumber("1e3")'],
  ['tonumber-hex', 'tonumber("0x10")'],
  ['tobool', 'tobool("true")'],
  ['tolist-of-set', 'tolist(toset([3, 1, 2]))'],
  ['tomap-mixed', 'tomap({ a = 1, b = "x" })'],
  ['zipmap', 'zipmap(["a", "b"], [1, 2])'],
  ['range-one', 'range(3)'],
  ['range-step', 'range(1, 7, 2)'],
  ['range-down', 'range(5, 1)'],
  ['contains', 'contains(["a"], "a")'],
  ['startswith', 'startswith("abc", "ab")'],
  ['abs', 'abs(-3)'],
  ['floor', 'floor(1.7)'],
  ['jsondecode', 'jsondecode("{\\"b\\":1,\\"a\\":[true,null]}")'],
  ['alltrue-empty', 'alltrue([])'],
  ['alltrue-strings', 'alltrue(["true", true])'],
  ['divide', '5 / 2'],
  ['modulo-negative', '-7 % 3'],
  ['equal-types', '"1" == 1'],
  ['equal-objects', '{ a = 1, b = 2 } == { b = 2, a = 1 }'],
  ['add-string', '1 + "2"'],
  ['and-string', 'true && "true"'],
  ['interpolate-bool', '"${true}-${1.5}"'],
  ['fraction-sum', '0.1 + 0.2'],
  ['keys-of-splat', 'keys(var.rules)[*]'],
  ['format-flags', 'format("%6.2f|%-4d|%+d|% d", 3.25, 7, 3, 4)'],
  ['format-radix', 'format("%x %X %o %b", 255, 255, 8, 5)'],
  ['format-conversions', 'format("%s %t %d", true, "true", "12")'],
  ['format-quote-number', 'format("%q", 5)'],
  ['format-object', 'format("%v", { b = 1, a = "x" })'],
  ['format-list-as-string', 'format("%s", [1])'],
  ['format-too-few', 'format("%s %s", "a")'],
  ['format-too-many', 'format("%s", "a", "b")'],
  ['format-whole-needed', 'format("%d", 1.5)'],
  ['format-string-padding', 'format("%03s|%.2s", "a", "abcdef")'],
  ['tonumber-plus', 'tonumber("+5")'],
  ['tonumber-padded', 'tonumber(" 5")'],
  ['tonumber-point', 'tonumber(".5")'],
  ['tonumber-underscore', 'tonumber("1_000")'],
  ['coalescelist-null', 'coalescelist([], null)'],
  ['coalescelist-all-empty', 'coalescelist([], [])'],
  ['coalesce-bool-number', 'coalesce(true, 1)'],
  ['coalesce-empty-then-number', 'coalesce("", 1)'],
  ['toset-mixed', 'toset([1, "a"])'],
  ['toset-bools', 'toset([true, false, true])'],
  ['toset-bool-number', 'toset([true, 1])'],
  ['toset-null-element', 'toset(["b", null])'],
  ['toset-numbers', 'toset([1.5, 1, 10])'],
  ['toset-null', 'toset(null)'],
  ['toset-code-points', 'toset(["é", "z", "Z", "a"])'],
  ['tolist-mixed', 'tolist([true, "x", null])'],
  ['tolist-null', 'tolist(null)'],
  ['tomap-bool-number', 'tomap({ a = 1, b = true })'],
  ['tomap-null', 'tomap(null)'],
  ['jsonencode-html', 'jsonencode("<a&b>")'],
  ['one-empty-set', 'one(toset([]))'],
  ['join-converts', 'join("-", [1, 2.5, true])'],
  ['concat-null', 'concat([1], null)'],
  ['flatten-null', 'flatten(null)'],
  ['flatten-keeps-null', 'flatten([null, [1]])'],
  ['contains-null', 'contains(null, 1)'],
  ['compact-null', 'compact(null)'],
  ['compact-converts', 'compact([1, "", true, null])'],
  ['compact-list-element', 'compact([[1]])'],
  ['join-null', 'join("-", null)'],
  ['distinct-null', 'distinct(null)'],
  ['distinct-unifies', 'distinct([1, "1"])'],
  ['alltrue-number', 'alltrue([1])'],
  ['anytrue-null', 'anytrue([null])'],
];

/** The conditionals modules write (`terraform console` unifies both results' types before it chooses one). */
const CONDITIONALS: Array<[string, string]> = [
  ['one-element-or-none', 'var.flag ? [var.text] : []'],
  ['none-or-one-element', '!var.flag ? [var.one] : []'],
  ['object-or-empty', 'var.flag ? { id = var.text, days = var.n } : {}'],
  ['empty-or-object', '!var.flag ? { id = var.text, days = var.n } : {}'],
  ['status-text', 'var.flag ? "Enabled" : "Disabled"'],
  ['days-or-null', 'var.flag ? var.n : null'],
  ['null-or-days', '!var.flag ? var.n : null'],
  ['numbers', 'var.flag ? 7 : 30'],
  ['rules-or-none', 'var.flag ? var.list : []'],
  ['none-or-rules', '!var.flag ? var.list : []'],
  ['map-or-none', 'var.flag ? var.rules : {}'],
  ['number-or-string', 'var.flag ? 1 : "a"'],
  ['number-or-bool', 'var.flag ? 1 : true'],
  ['tuple-or-number', 'var.flag ? var.names : 9'],
  ['refused-branch-not-chosen', 'var.flag ? var.n : var.nothing.id'],
  ['objects-into-map', 'var.flag ? { a = 1, b = "x" } : {}'],
  ['set-or-tuple', '!var.flag ? toset(["b", "a"]) : ["z", "b", "z"]'],
  ['string-condition', '"false" ? 1 : 2'],
  ['element-of-set', 'element(toset(var.names), 0)'],
];

/** The same, over variables whose types make lists of objects with optional attributes and sets (and a set's keys in a for). */
const TYPED_CONDITIONALS: Array<[string, string]> = [
  ['typed-rules-or-none', 'var.flag ? var.lifecycle_rules : []'],
  ['none-or-typed-rules', '!var.flag ? var.lifecycle_rules : []'],
  ['typed-rules-ids', 'var.flag ? var.lifecycle_rules[*].id : []'],
  ['typed-set-or-none', 'var.flag ? var.tags : []'],
  ['typed-set-or-tuple', '!var.flag ? var.tags : ["z", "a"]'],
  ['element-of-typed-set', 'element(var.tags, 0)'],
  ['for-over-typed-set', '{ for k, x in var.tags : k => x }'],
];

const TYPED = `
variable "lifecycle_rules" {
  type = list(object({
    id     = string
    days   = optional(number, 7)
    filter = optional(object({ prefix = string }))
  }))
  default = [{ id = "logs" }, { id = "data", days = 30, filter = { prefix = "data/" } }]
}
variable "tags" {
  type    = set(string)
  default = ["b", "a"]
}
`;

function written(construct: string, cases: Array<[string, string]>): ConsoleCase[] {
  return cases.map(([name, expression]) => ({ name: `${construct}-${name}`, construct, config: SHARED, expression }));
}

/** The written cases, construct by construct. */
export function writtenCases(): ConsoleCase[] {
  const types = TYPES.map(([name, type, value, where = 'default']): ConsoleCase => ({
    name: `types-${name}`,
    construct: 'types',
    config: where === 'default'
      ? `variable "v" {\n  type = ${type}\n  default = ${value}\n}\n`
      : `variable "v" {\n  type = ${type}\n}\n`,
    tfvars: where === 'tfvars' ? `v = ${value}\n` : undefined,
    expression: 'var.v',
  }));
  return [
    ...written('layout', LAYOUT),
    ...types,
    ...written('splat', SPLATS),
    ...written('try', TRY_CAN),
    ...written('functions', FUNCTIONS),
    ...written('conditional', CONDITIONALS),
    ...written('conditional', TYPED_CONDITIONALS).map(testCase => ({ ...testCase, config: `${SHARED}${TYPED}` })),
  ];
}

// ---------------------------------------------------------------------------------------------
// Random combinations: a random type constraint with a value that mostly fits it, and a random
// expression over that variable and the shared ones, laid out at random over lines.

type TypeNode =
  | { readonly kind: 'string' | 'number' | 'bool' | 'any' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly element: TypeNode }
  | { readonly kind: 'tuple'; readonly elements: readonly TypeNode[] }
  | { readonly kind: 'object'; readonly attributes: ReadonlyArray<Attribute> };

interface Attribute {
  readonly name: string;
  readonly type: TypeNode;
  readonly optional: boolean;
  /** Source of the optional() default. */
  readonly default?: string;
}

const ATTRIBUTE_NAMES = ['id', 'days', 'enabled', 'prefix', 'filter', 'tags', 'status'];
const STRINGS = ['"a"', '"B"', '""', '"x-y"', '"7"', '"true"', '"a\\"b"', '"back\\\\slash"', '"line\\nbreak"', '"é"', '"10"', '"9"'];

class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** A Fisher-Yates shuffle: the same order for the same seed, whatever the engine's sort. */
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let at = copy.length - 1; at > 0; at--) {
      const other = this.int(at + 1);
      [copy[at], copy[other]] = [copy[other], copy[at]];
    }
    return copy;
  }
}

function randomType(r: Random, depth: number): TypeNode {
  const leaf = depth <= 0 || r.chance(0.35);
  if (leaf) return { kind: r.pick(['string', 'number', 'bool', 'string', 'number', 'any'] as const) };
  const kind = r.pick(['list', 'set', 'map', 'object', 'object', 'tuple'] as const);
  if (kind === 'object') {
    const names = r.shuffled(ATTRIBUTE_NAMES).slice(0, 1 + r.int(3));
    return {
      kind,
      attributes: names.map((name) => {
        const type = randomType(r, depth - 1);
        const optional = r.chance(0.6);
        const withDefault = optional && r.chance(0.5);
        return { name, type, optional, default: withDefault ? randomValue(r, type, 2, 0.99) : undefined };
      }),
    };
  }
  if (kind === 'tuple') return { kind, elements: Array.from({ length: 1 + r.int(3) }, () => randomType(r, depth - 1)) };
  // Sets of collections are ordered by a hash in Terraform: only sets of primitives are compared.
  const element = kind === 'set' ? { kind: r.pick(['string', 'number', 'bool'] as const) } : randomType(r, depth - 1);
  return { kind, element };
}

function typeSource(type: TypeNode, indent: string, r: Random): string {
  switch (type.kind) {
    case 'list':
    case 'set':
    case 'map':
      return `${type.kind}(${typeSource(type.element, indent, r)})`;
    case 'tuple':
      return `tuple([${type.elements.map(element => typeSource(element, indent, r)).join(', ')}])`;
    case 'object': {
      const inner = `${indent}  `;
      const attributes = type.attributes.map((attribute) => {
        const attributeType = typeSource(attribute.type, inner, r);
        if (!attribute.optional) return `${attribute.name} = ${attributeType}`;
        return `${attribute.name} = optional(${attributeType}${attribute.default === undefined ? '' : `, ${attribute.default}`})`;
      });
      return r.chance(0.5)
        ? `object({ ${attributes.join(', ')} })`
        : `object({\n${attributes.map(attribute => `${inner}${attribute}`).join('\n')}\n${indent}})`;
    }
    default:
      return type.kind;
  }
}

/** A literal value for `type`: with probability `fit` of each part fitting it (a convertible primitive counts as fitting). */
function randomValue(r: Random, type: TypeNode, depth: number, fit: number): string {
  if (!r.chance(fit) || depth < 0) return randomLiteral(r, Math.max(depth, 0));
  switch (type.kind) {
    case 'string':
      return r.chance(0.8) ? r.pick(STRINGS) : r.pick(['5', 'true', '1.5']);
    case 'number':
      return r.chance(0.8) ? String(r.int(40) - 5) : r.pick(['"12"', '"0"', '"1.25"']);
    case 'bool':
      return r.chance(0.8) ? r.pick(['true', 'false']) : r.pick(['"true"', '"false"']);
    case 'any':
      return randomLiteral(r, depth);
    case 'list':
    case 'set':
      return `[${Array.from({ length: r.int(4) }, () => randomValue(r, type.element, depth - 1, fit)).join(', ')}]`;
    case 'map':
      return `{ ${Array.from({ length: r.int(3) }, (_, index) => `k${index} = ${randomValue(r, type.element, depth - 1, fit)}`).join(', ')} }`;
    case 'tuple':
      return `[${type.elements.map(element => randomValue(r, element, depth - 1, fit)).join(', ')}]`;
    case 'object': {
      const given = type.attributes.filter(attribute => !attribute.optional || r.chance(0.5));
      const items = given.map(attribute => `${attribute.name} = ${attribute.optional && r.chance(0.2) ? 'null' : randomValue(r, attribute.type, depth - 1, fit)}`);
      if (r.chance(0.15)) items.push(`extra = ${randomLiteral(r, 0)}`);
      return `{ ${items.join(', ')} }`;
    }
  }
}

function randomLiteral(r: Random, depth: number): string {
  const choice = r.int(depth > 0 ? 7 : 5);
  switch (choice) {
    case 0: return String(r.int(20));
    case 1: return r.pick(STRINGS);
    case 2: return r.pick(['true', 'false']);
    case 3: return 'null';
    case 4: return r.pick(['"3"', '1.5', '"x"']);
    case 5: return `[${Array.from({ length: r.int(3) }, () => randomLiteral(r, depth - 1)).join(', ')}]`;
    default: return `{ ${Array.from({ length: r.int(3) }, (_, index) => `${r.pick(ATTRIBUTE_NAMES)}${index} = ${randomLiteral(r, depth - 1)}`).join(', ')} }`;
  }
}

/** Lays out a bracketed list on one line or over several, as people write it. */
function laidOut(r: Random, open: string, items: readonly string[], close: string, separator: ',' | '\n' = ','): string {
  if (items.length === 0 || r.chance(0.5)) return `${open}${items.join(', ')}${close}`;
  const comment = () => (r.chance(0.15) ? r.pick([' # note', ' // note']) : '');
  const trailing = separator === ',' && r.chance(0.5);
  const lines = items.map((item, index) => {
    const last = index === items.length - 1;
    const sep = separator === ',' && (!last || trailing) ? ',' : '';
    return `\n  ${item}${sep}${comment()}`;
  });
  return `${open}${lines.join('')}\n${close}`;
}

/** A random expression over `var.v` (of `type`) and the shared variables. */
function randomExpression(r: Random, type: TypeNode, depth: number): string {
  if (depth <= 0) return randomAtom(r, type);
  const sub = () => randomExpression(r, type, depth - 1);
  switch (r.int(13)) {
    case 0:
    case 1:
      return randomAtom(r, type);
    case 2:
      return `${splatSource(r, type)}${r.pick(['[*]', '[*]', '.*'])}${r.chance(0.5) ? `.${r.pick(attributeNamesOf(type))}` : ''}`;
    case 3:
      return `try(${sub()}, ${randomLiteral(r, 1)})`;
    case 4:
      return `can(${sub()})`;
    case 5: {
      const collection = sub();
      const body = r.chance(0.5) ? 'x' : r.pick(['[x]', '{ v = x }', 'try(x.id, x)', 'x == null']);
      const condition = r.chance(0.3) ? `\n  if ${r.pick(['x != null', 'can(x.id)', 'true'])}` : '';
      return r.chance(0.5)
        ? `[${r.chance(0.5) ? '\n  ' : ''}for x in ${collection} :${r.chance(0.5) ? '\n  ' : ' '}${body}${condition}\n]`
        : `{\n  for k, x in ${collection} :\n  k => ${body}${condition}\n}`;
    }
    case 6:
      return `(${r.chance(0.5) ? '\n  ' : ''}${r.pick(['can(var.v.id)', 'var.v == null', 'var.flag', `length(${sub()}) > 0`])}${r.chance(0.5) ? '\n  ' : ' '}? ${sub()}${r.chance(0.5) ? '\n  ' : ' '}: ${sub()}\n)`;
    case 7:
      return laidOut(r, '[', Array.from({ length: r.int(3) }, sub), ']');
    case 8:
      return laidOut(r, '{', Array.from({ length: 1 + r.int(2) }, (_, index) => `k${index} = ${sub()}`), '}', r.pick([',', '\n'] as const));
    default: {
      const [name, arity] = r.pick(FUNCTION_SHAPES);
      const args = Array.from({ length: arity }, (_, index) => (name === 'join' && index === 0 ? '"-"' : sub()));
      return laidOut(r, `${name}(`, args, ')');
    }
  }
}

const FUNCTION_SHAPES: ReadonlyArray<[string, number]> = [
  ['length', 1], ['keys', 1], ['values', 1], ['concat', 2], ['merge', 2], ['flatten', 1], ['one', 1], ['tolist', 1], ['toset', 1],
  ['tomap', 1], ['coalesce', 2], ['compact', 1], ['distinct', 1], ['lookup', 3], ['join', 2], ['jsonencode', 1], ['tostring', 1],
  ['contains', 2], ['element', 2], ['coalescelist', 2],
];

function randomAtom(r: Random, type: TypeNode): string {
  switch (r.int(6)) {
    case 0:
    case 1:
      return `var.v${traversalInto(r, type)}`;
    case 2:
      return r.pick(['var.list', 'var.one', 'var.nothing', 'var.names', 'var.rules', 'var.text']);
    default:
      return randomLiteral(r, 1);
  }
}

function splatSource(r: Random, type: TypeNode): string {
  return r.pick([`var.v${traversalInto(r, type)}`, 'var.list', 'var.one', 'var.nothing', 'try(var.v.id, null)', '(var.flag ? var.one : null)']);
}

function traversalInto(r: Random, type: TypeNode): string {
  if (r.chance(0.5)) return '';
  switch (type.kind) {
    case 'object': {
      const attribute = r.pick(type.attributes);
      return `.${attribute.name}${traversalInto(r, attribute.type)}`;
    }
    case 'list':
    case 'tuple':
      return `[${r.int(2)}]`;
    case 'map':
      return '["k0"]';
    default:
      return '';
  }
}

function attributeNamesOf(type: TypeNode): string[] {
  const element = type.kind === 'list' || type.kind === 'set' || type.kind === 'map' ? type.element : type;
  return element.kind === 'object' ? element.attributes.map(attribute => attribute.name) : ['id'];
}

/** `count` random cases from `seed`, each named `random-<seed>-<n>`. */
export function randomCases(seed: number, count: number): ConsoleCase[] {
  return Array.from({ length: count }, (_, index) => {
    const r = new Random(seed * 100_003 + index);
    const type = randomType(r, 3);
    const value = randomValue(r, type, 3, 0.97);
    const inTfvars = r.chance(0.2);
    const variable = `variable "v" {\n  type = ${typeSource(type, '  ', r)}\n${inTfvars ? '' : `  default = ${value}\n`}}\n`;
    return {
      name: `random-${seed}-${index}`,
      construct: 'random',
      config: `${SHARED}${variable}`,
      tfvars: inTfvars ? `v = ${value}\n` : undefined,
      expression: randomExpression(r, type, 1 + r.int(3)).replace(/\n/g, '\n  '),
    };
  });
}
