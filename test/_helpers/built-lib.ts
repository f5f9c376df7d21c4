import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const REPO = resolve(__dirname, '..', '..');

let checked = false;

/**
 * For the tests that run what is published (the bin, the packed package): a lib/ compiled from
 * older sources would test old code, so every src/ file must have its lib/ output, written after it.
 */
export function requireCurrentLib(): void {
  if (checked) return;
  const src = join(REPO, 'src');
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const source = join(entry.parentPath, entry.name);
    const built = join(REPO, 'lib', relative(src, source).replace(/\.ts$/, '.js'));
    if (!existsSync(built) || statSync(built).mtimeMs < statSync(source).mtimeMs) {
      throw new Error(`${relative(REPO, built)} is missing or older than ${relative(REPO, source)}: these tests run what is published, from lib/; run npx projen compile`);
    }
  }
  checked = true;
}
