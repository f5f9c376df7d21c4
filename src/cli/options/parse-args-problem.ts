import { nearestOption } from './nearest-option';
import { CommandSpec, OptionTable } from './option-table';

/** node:util's parse errors, in one line that names the option and the fix. */
export function parseArgsProblem(command: Pick<CommandSpec<OptionTable>, 'name' | 'options' | 'positionalHint'>, error: Error): string {
  const message = error.message;
  const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(message);
  if (ambiguous) {
    return `${ambiguous[1]} needs a value; write a value that starts with a dash as ${ambiguous[1]}=VALUE`;
  }
  const missing = /^Option '(?:-\w, )?--([\w-]+) <value>' argument missing/.exec(message);
  if (missing) {
    const spec = command.options[missing[1]];
    const valueName = spec !== undefined && spec.kind !== 'flag' ? spec.valueName : 'VALUE';
    return `--${missing[1]} needs a value: --${missing[1]} ${valueName} (see ${command.name} --help)`;
  }
  const flagWithValue = /^Option '(?:-\w, )?(--[\w-]+)' does not take an argument/.exec(message);
  if (flagWithValue) {
    return `${flagWithValue[1]} takes no value: write ${flagWithValue[1]} alone`;
  }
  const unknown = /^Unknown option '(-[^']*)'/.exec(message);
  if (unknown) {
    const near = nearestOption(unknown[1], Object.keys(command.options));
    return `Unknown option '${unknown[1]}': ${near ? `did you mean ${near}? ` : ''}see ${command.name} --help for the options`;
  }
  const positional = /^Unexpected argument '([^']*)'/.exec(message);
  if (positional) {
    const hint = command.positionalHint ? `; ${command.positionalHint(positional[1])}` : '';
    return `unexpected argument "${positional[1]}": ${command.name} takes options only${hint}`;
  }
  return `${message.split('\n')[0].replace(/\.$/, '')}. See ${command.name} --help.`;
}
