import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MPU_AUDIT } from '../../../src/cli/mpu-audit/command';
import { OptionTable } from '../../../src/cli/options/option-table';
import { usageText } from '../../../src/cli/options/usage-text';

const README_HEADING = '## mpu-audit';

/** The README's mpu-audit section: from its heading to the next heading of the same level. */
function readmeSection(): string {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${README_HEADING}`);
  if (start < 0) throw new Error(`README.md has no ${README_HEADING} section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** `--force` in a text, but not as the start of `--force-path-style`. */
const mentions = (text: string, name: string) => new RegExp(`(^|[^\\w-])--${name}(?![\\w-])`).test(text);

const OPTIONS = Object.entries(MPU_AUDIT.options as OptionTable);
const DOCUMENTED = OPTIONS.filter(([, spec]) => spec.help !== undefined).map(([name]) => name);

describe('every option of mpu-audit is documented', () => {
  test('only --help and --version are left out of --help', () => {
    expect(OPTIONS.filter(([, spec]) => spec.help === undefined).map(([name]) => name)).toEqual(['help', 'version']);
  });

  test.each(DOCUMENTED)('--%s is in --help and in the README\'s mpu-audit section', name => {
    expect(mentions(usageText(MPU_AUDIT), name)).toBe(true);
    expect(mentions(readmeSection(), name)).toBe(true);
  });
});
