import { CliIo } from './cli-io';
import { ExitCode } from './exit-code';
import { CommandSpec, FlagSpec, OptionTable, ParsedOptions } from './options/option-table';
import { parseCommandLine } from './options/parse-options';
import { UsageError } from './options/usage-error';
import { usageText } from './options/usage-text';
import { internalErrorLine, usageLine } from './problem-line';

/** The table of a command that takes --help and --version (HELP_OPTIONS). */
export type CommandTable = OptionTable & { readonly help: FlagSpec; readonly version: FlagSpec };

/** A command line, checked against the command's table, that asks for neither --help nor --version. */
export interface CommandLine<T extends OptionTable> {
  readonly options: ParsedOptions<T>;
  /** The arguments beside the options, of a command that takes them (`PATH...`). */
  readonly operands: readonly string[];
  /** The long names of the options typed, which tell an option given with its default value from one not given. */
  readonly given: ReadonlySet<string>;
}

/**
 * How every command runs: the command line parsed and checked, --help and --version answered, then
 * `run`. A UsageError, from the parser or from `run`, is one line on stderr and exit 2; any other
 * error is an internal error: one line, never a stack trace, and exit 70, which promises no outcome.
 */
export async function runCommand<T extends CommandTable>(
  command: CommandSpec<T>, argv: readonly string[], io: CliIo, run: (line: CommandLine<T>) => Promise<ExitCode>,
): Promise<ExitCode> {
  try {
    const line = parseCommandLine(command, argv);
    const { help, version } = line.options as { readonly help: boolean; readonly version: boolean };
    if (help || version) {
      await io.stdout(help ? usageText(command) : `${io.version}\n`);
      return ExitCode.OK;
    }
    return await run(line);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(usageLine(command.name, error.message));
      return ExitCode.USAGE;
    }
    io.stderr(internalErrorLine(command.name, error));
    return ExitCode.INTERNAL;
  }
}
