import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MPU_AUDIT } from '../../../src/cli/mpu-audit/command';
import { OptionTable } from '../../../src/cli/options/option-table';
import { usageText } from '../../../src/cli/options/usage-text';

/** mpu-audit's reference, the whole page (it was the README's mpu-audit section). */
function reference(): string {
  return readFileSync(join(__dirname, '..', '..', '..', 'docs', 'mpu-audit.md'), 'utf8');
}

/** `--force` in a text, but not as the start of `--force-path-style`. */
const mentions = (text: string, name: string) => new RegExp(`(^|[^\\w-])--${name}(?![\\w-])`).test(text);

const OPTIONS = Object.entries(MPU_AUDIT.options as OptionTable);
const DOCUMENTED = OPTIONS.filter(([, spec]) => spec.help !== undefined).map(([name]) => name);

describe('every option of mpu-audit is documented', () => {
  test('only --help and --version are left out of --help', () => {
    expect(OPTIONS.filter(([, spec]) => spec.help === undefined).map(([name]) => name)).toEqual(['help', 'version']);
  });

  test.each(DOCUMENTED)('--%s is in --help and in docs/mpu-audit.md', name => {
    expect(mentions(usageText(MPU_AUDIT), name)).toBe(true);
    expect(mentions(reference(), name)).toBe(true);
  });
});
