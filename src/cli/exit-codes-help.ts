import { CommandName, exitCodesOf } from './exit-code';

const WIDTH = 80;

/**
 * The end of a command's --help: its exit codes from the one table, `Exit codes: 0 done; 1 ...`.
 * A code and its meaning start a new line when they do not fit on the current one but fit on a new
 * one; one longer than a line wraps between words.
 */
export function exitCodesHelp(command: CommandName): string {
  const codes = exitCodesOf(command);
  const entries = codes.map(({ code, meaning }, index) => `${code} ${meaning}${index === codes.length - 1 ? '.' : ';'}`);
  const lines = ['Exit codes:'];
  for (const entry of entries) {
    if (fits(lines, entry)) {
      lines[lines.length - 1] += ` ${entry}`;
      continue;
    }
    if (entry.length <= WIDTH) {
      lines.push(entry);
      continue;
    }
    for (const word of entry.split(' ')) {
      if (fits(lines, word)) lines[lines.length - 1] += ` ${word}`;
      else lines.push(word);
    }
  }
  return lines.map(line => `${line}\n`).join('');
}

function fits(lines: readonly string[], text: string): boolean {
  return lines[lines.length - 1].length + 1 + text.length <= WIDTH;
}
