/**
 * One declarative table of a command's options, from which come its parser (parse-options.ts),
 * its --help (usage-text.ts), its messages and the types of its parsed values.
 */

/** Throws a UsageError that names `flag`, the value and the fix when `text` is not a valid value. */
export type ValueParser<T> = (flag: string, text: string) => T;

/** Where an option stands in --help. An option without it is left out of --help. */
export interface OptionHelp {
  /** The heading of its section; sections come in the order of their first option. */
  readonly section: string;
  readonly lines: readonly string[];
  /** Appends ` (default X)` to the last line. */
  readonly showDefault?: boolean;
}

/** What a mode (an option that changes what the command does) makes of the other options. */
export interface ModeRules {
  /** Options this mode cannot take, each with the reason and the way out. */
  readonly refuses?: Readonly<Record<string, string>>;
  /** The only options this mode takes beside itself, and why. */
  readonly allowsOnly?: { readonly options: readonly string[]; readonly why: string };
  /** Options this mode cannot run without, each with what it is for. */
  readonly requires?: Readonly<Record<string, string>>;
  /** The values of an option this mode offers; the option's other valid values are refused. */
  readonly offers?: Readonly<Record<string, readonly string[]>>;
}

interface CommonSpec {
  readonly short?: string;
  readonly help?: OptionHelp;
  /** The mode this option only makes sense with. */
  readonly belongsTo?: string;
  /** Options of which one must be given with this one, and why. */
  readonly needs?: { readonly anyOf: readonly string[]; readonly why: string };
  /** An option that cannot be given with this one, and why. */
  readonly conflictsWith?: { readonly option: string; readonly why: string };
  /** Set when this option is a mode. */
  readonly mode?: ModeRules;
}

/** An option written alone: true when given. */
export interface FlagSpec extends CommonSpec {
  readonly kind: 'flag';
}

/** An option with a value (`string`: once at most; `repeatable`: a list). */
export interface ValueSpec<T> extends CommonSpec {
  readonly kind: 'string' | 'repeatable';
  /** The value's name in --help and in "needs a value" messages: `--bucket NAME`. */
  readonly valueName: string;
  readonly parse: ValueParser<T>;
  /** The value when the option is not given; without it, undefined (a repeatable one: empty). */
  readonly default?: T;
}

export type OptionSpec = FlagSpec | ValueSpec<any>;

/** Options by their long name, in the order --help lists them and their values are checked. */
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** `older-than` → `olderThan`. */
export type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

type ValueOf<S> = S extends FlagSpec ? boolean
  : S extends { readonly kind: 'repeatable'; readonly parse: ValueParser<infer T> } ? T[]
    : S extends { readonly parse: ValueParser<infer T>; readonly default: unknown } ? T
      : S extends { readonly parse: ValueParser<infer T> } ? T | undefined
        : never;

/** The checked values of a command line, by the camelCase name of each option. */
export type ParsedOptions<T extends OptionTable> = { readonly [K in keyof T & string as CamelCase<K>]: ValueOf<T[K]> };

/** A command: its options, and the text of --help around them. */
export interface CommandSpec<T extends OptionTable> {
  readonly name: string;
  /** --help up to the first section: the synopsis and what the command does. */
  readonly intro: string;
  /** --help after the last section. */
  readonly outro: string;
  readonly options: T;
  /** The fix for an argument that is not an option, e.g. `to audit a bucket, write --bucket logs`. */
  readonly positionalHint?: (argument: string) => string;
  /** Set for a command that takes arguments beside its options (`PATH...`): their name in messages. */
  readonly operands?: string;
  /** Checks between values, after each value is valid; throws a UsageError. */
  readonly check?: (values: ParsedOptions<T>, given: ReadonlySet<string>) => void;
}

/** An entry as its kind allows it: a value option's default is of the type its parser returns. */
type Checked<S> = S extends { readonly parse: ValueParser<infer T> } ? ValueSpec<T> : FlagSpec;

/**
 * Types a table as written (so each option's parsed type follows from its parser) and checks that
 * every option its rules name is in it.
 */
export function defineOptions<const T extends OptionTable>(table: T & { readonly [K in keyof T]: Checked<T[K]> }): T {
  for (const [name, spec] of Object.entries(table)) {
    const named = [
      spec.belongsTo, ...spec.needs?.anyOf ?? [], spec.conflictsWith?.option,
      ...Object.keys(spec.mode?.refuses ?? {}), ...spec.mode?.allowsOnly?.options ?? [],
      ...Object.keys(spec.mode?.requires ?? {}), ...Object.keys(spec.mode?.offers ?? {}),
    ];
    const unknown = named.find(other => other !== undefined && !(other in table));
    if (unknown !== undefined) throw new Error(`option table: --${name} names --${unknown}, which is not in the table`);
  }
  return table;
}

/** The name of a parsed value: `older-than` → `olderThan`. */
export function camelCase<S extends string>(name: S): CamelCase<S> {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()) as CamelCase<S>;
}

/** `--output FILE`, `--region (repeatable)`, `--force`: how a message asks for an option. */
export function optionWithValue(name: string, spec: OptionSpec): string {
  if (spec.kind === 'flag') return `--${name}`;
  return `--${name} ${spec.kind === 'repeatable' ? '(repeatable)' : spec.valueName}`;
}
