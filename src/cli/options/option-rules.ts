import { OptionSpec, OptionTable, optionWithValue } from './option-table';
import { UsageError } from './usage-error';

/** The options of a command line, by long name, in the order they were written. */
export type GivenOptions = ReadonlySet<string>;

/**
 * The rules between options that hold whatever the values: first each mode's (a mode decides
 * which options make sense at all), then each option's needs and conflicts; in table order.
 */
export function checkOptionRules(options: OptionTable, given: GivenOptions): void {
  for (const [name, spec] of Object.entries(options)) {
    if (spec.belongsTo !== undefined && given.has(name) && !given.has(spec.belongsTo)) {
      throw new UsageError(`--${name} belongs to --${spec.belongsTo}: give it too, or drop --${name}`);
    }
    if (spec.mode !== undefined && given.has(name)) checkMode(options, name, spec, given);
  }
  for (const [name, spec] of Object.entries(options)) {
    if (!given.has(name)) continue;
    const needs = spec.needs;
    if (needs !== undefined && !needs.anyOf.some(other => given.has(other))) {
      const fix = needs.anyOf.length === 1 ? `give ${optionWithValue(needs.anyOf[0], options[needs.anyOf[0]])} too` : 'give one of them';
      throw new UsageError(`--${name} ${needs.why}: ${fix}, or drop --${name}`);
    }
    if (spec.conflictsWith !== undefined && given.has(spec.conflictsWith.option)) {
      throw new UsageError(`--${name} ${spec.conflictsWith.why}: drop one of them`);
    }
  }
}

function checkMode(options: OptionTable, mode: string, spec: OptionSpec, given: GivenOptions): void {
  for (const [refused, why] of Object.entries(spec.mode?.refuses ?? {})) {
    if (given.has(refused)) throw new UsageError(`--${refused} cannot be used with --${mode}: ${why}`);
  }
  const allowsOnly = spec.mode?.allowsOnly;
  if (allowsOnly !== undefined) {
    const other = [...given].find(name => name !== mode && !allowsOnly.options.includes(name));
    if (other !== undefined) throw new UsageError(`--${mode} ${allowsOnly.why}: drop --${other}`);
  }
  for (const [required, why] of Object.entries(spec.mode?.requires ?? {})) {
    if (!given.has(required)) throw new UsageError(`--${mode} needs ${optionWithValue(required, options[required])}: ${why}`);
  }
}

/** The values a given mode does not offer, once every value is valid. */
export function checkOfferedValues(options: OptionTable, given: GivenOptions, valueOf: (name: string) => unknown): void {
  for (const [mode, spec] of Object.entries(options)) {
    if (!given.has(mode)) continue;
    for (const [name, offered] of Object.entries(spec.mode?.offers ?? {})) {
      const value = valueOf(name);
      if (given.has(name) && !offered.includes(String(value))) {
        throw new UsageError(`--${name} ${String(value)} is not offered with --${mode}: use ${offered.join(' or ')}`);
      }
    }
  }
}
