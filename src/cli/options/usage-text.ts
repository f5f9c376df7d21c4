import { CommandSpec, OptionSpec, OptionTable } from './option-table';

/** The longest label that shares a line with its help; a longer one stands on a line of its own. */
const LABEL_WIDTH = 22;
const INDENT = '  ';
const HELP_INDENT = ' '.repeat(INDENT.length + LABEL_WIDTH + 1);

/** --help: the intro, a section per heading with its options, then the outro. */
export function usageText<T extends OptionTable>(command: CommandSpec<T>): string {
  const sections = new Map<string, string[]>();
  for (const [name, spec] of Object.entries(command.options)) {
    if (spec.help === undefined) continue;
    const lines = sections.get(spec.help.section) ?? [];
    sections.set(spec.help.section, [...lines, ...optionLines(name, spec)]);
  }
  const blocks = [...sections].map(([heading, lines]) => [heading, ...lines].map(line => `${line}\n`).join(''));
  return [command.intro, ...blocks, command.outro].join('\n');
}

function optionLines(name: string, spec: OptionSpec): string[] {
  const label = `${spec.short === undefined ? '' : `-${spec.short}, `}--${name}${spec.kind === 'flag' ? '' : ` ${spec.valueName}`}`;
  const help = [...spec.help?.lines ?? []];
  if (spec.help?.showDefault && spec.kind !== 'flag') help[help.length - 1] += ` (default ${String(spec.default)})`;
  if (label.length > LABEL_WIDTH) return [`${INDENT}${label}`, ...help.map(line => `${HELP_INDENT}${line}`)];
  return [`${INDENT}${label.padEnd(LABEL_WIDTH + 1)}${help[0]}`, ...help.slice(1).map(line => `${HELP_INDENT}${line}`)];
}
