import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_NAMES, EXIT_CODES, ExitCode, exitCodesOf } from '../../src/cli/exit-code';
import { exitCodesHelp } from '../../src/cli/exit-codes-help';
import { MPU_AUDIT } from '../../src/cli/mpu-audit/command';
import { MPU_CHECK } from '../../src/cli/mpu-check/command';
import { MPU_UPLOAD } from '../../src/cli/mpu-upload/command';

const DOC = join(__dirname, '..', '..', 'docs', 'exit-codes.md');

/** A table cell: Markdown would take `|` for a column and `*` for emphasis. */
const cell = (text: string) => text.replace(/[|*]/g, char => `\\${char}`);

/** The table docs/exit-codes.md must hold: one row a code, one column a command; blank where the command never exits with it. */
function markdownTable(): string {
  return [
    `| code | ${COMMAND_NAMES.map(name => `\`${name}\``).join(' | ')} |`,
    `| ---: | ${COMMAND_NAMES.map(() => '---').join(' | ')} |`,
    ...EXIT_CODES.map(row => `| ${row.code} | ${COMMAND_NAMES.map(name => cell(row.meanings[name] ?? '')).join(' | ')} |`),
  ].map(line => line.replace(/ +\|/g, ' |').replace(/\| {2,}/g, '| ')).join('\n');
}

/** The first table of a Markdown text: its lines from the first that starts with `|` to the first that does not. */
function firstTable(text: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex(line => line.startsWith('|'));
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('|'));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

describe('the one exit-code table', () => {
  test('docs/exit-codes.md holds exactly the table of src/cli/exit-code.ts (write the expected table there when this fails)', () => {
    expect(firstTable(readFileSync(DOC, 'utf8'))).toBe(markdownTable());
  });

  test('every named code has its row, and every row a named code; each code once, in order', () => {
    const named = [...new Set(Object.values(ExitCode))].sort((a, b) => a - b);
    expect(EXIT_CODES.map(row => row.code)).toEqual(named);
  });

  test('70, the internal error, means the same to all three commands, and nothing else to any', () => {
    const internal = EXIT_CODES.filter(row => row.code === ExitCode.INTERNAL);
    expect(internal).toHaveLength(1);
    const meanings = COMMAND_NAMES.map(name => internal[0].meanings[name]);
    expect(new Set(meanings)).toEqual(new Set(['internal error (a bug): what the run did is not known']));
    for (const row of EXIT_CODES.filter(other => other.code !== ExitCode.INTERNAL)) {
      for (const meaning of Object.values(row.meanings)) expect(meaning).not.toMatch(/internal|bug/);
    }
  });

  test('the codes every command has: 0, 1, 2 and 70', () => {
    for (const name of COMMAND_NAMES) {
      expect(exitCodesOf(name).map(entry => entry.code)).toEqual(expect.arrayContaining([0, 1, 2, 70]));
    }
  });

  test.each([MPU_CHECK, MPU_AUDIT, MPU_UPLOAD])('$name --help ends with its column of the table, every code and meaning in it, within 80 columns', command => {
    const name = command.name as typeof COMMAND_NAMES[number];
    expect(command.outro).toBe(exitCodesHelp(name));
    const entries = exitCodesOf(name).map(({ code, meaning }) => `${code} ${meaning}`);
    expect(command.outro.replace(/\n/g, ' ')).toBe(`Exit codes: ${entries.join('; ')}. `);
    for (const line of command.outro.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});
