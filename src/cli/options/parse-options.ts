import { parseArgs, ParseArgsConfig } from 'node:util';
import { checkOfferedValues, checkOptionRules } from './option-rules';
import { camelCase, CommandSpec, OptionTable, ParsedOptions } from './option-table';
import { parseArgsProblem } from './parse-args-problem';
import { UsageError } from './usage-error';

type Token = { readonly kind: string; readonly name?: string; readonly value?: string };

/**
 * A command line, checked against the command's table and turned into typed values, in this
 * order: its syntax, an option given twice, the rules between options, each value, the values a
 * mode does not offer, then the command's own checks. Throws a UsageError for the first problem.
 */
export function parseOptions<T extends OptionTable>(command: CommandSpec<T>, argv: readonly string[]): ParsedOptions<T> {
  return parseCommandLine(command, argv).options;
}

/**
 * The options, as parseOptions checks them, the operands of a command that takes them
 * (`mpu-check PATH...`), and the long names of the options given, which tell an option given
 * with its default value from one not given.
 */
export function parseCommandLine<T extends OptionTable>(
  command: CommandSpec<T>, argv: readonly string[],
): { options: ParsedOptions<T>; operands: string[]; given: ReadonlySet<string> } {
  let values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  let tokens: Token[];
  let positionals: string[];
  try {
    const options = parseArgsOptions(command.options);
    const allowPositionals = command.operands !== undefined;
    ({ values, tokens, positionals } = parseArgs({ args: [...argv], strict: true, allowPositionals, tokens: true, options }));
  } catch (error) {
    throw new UsageError(parseArgsProblem(command, error as Error));
  }
  const given = givenOnce(command.options, tokens);
  checkOptionRules(command.options, given);

  const parsed: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(command.options)) {
    const value = values[name];
    if (spec.kind === 'flag') {
      parsed[camelCase(name)] = value === true;
    } else if (spec.kind === 'repeatable') {
      parsed[camelCase(name)] = ((value ?? []) as string[]).map(text => spec.parse(`--${name}`, text));
    } else {
      parsed[camelCase(name)] = value === undefined ? spec.default : spec.parse(`--${name}`, value as string);
    }
  }
  checkOfferedValues(command.options, given, name => parsed[camelCase(name)]);
  const options = parsed as ParsedOptions<T>;
  command.check?.(options, given);
  return { options, operands: positionals, given };
}

function parseArgsOptions(options: OptionTable): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(Object.entries(options).map(([name, spec]) => [name, {
    type: spec.kind === 'flag' ? 'boolean' as const : 'string' as const,
    ...spec.kind === 'repeatable' ? { multiple: true } : {},
    ...spec.short === undefined ? {} : { short: spec.short },
  }]));
}

/** The options given, in order; one that keeps one value must not be given twice, or the last would win silently. */
function givenOnce(options: OptionTable, tokens: readonly Token[]): ReadonlySet<string> {
  const seen = new Map<string, string | undefined>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    if (options[token.name].kind === 'string' && seen.has(token.name)) {
      throw new UsageError(`--${token.name} was given twice ("${seen.get(token.name)}", then "${token.value}"): give it once`);
    }
    seen.set(token.name, token.value);
  }
  return new Set(seen.keys());
}
