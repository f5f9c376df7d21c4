import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTooLarge, nodeCheckFs } from '../../src/file-check/check-fs';

describe('nodeCheckFs: reading files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'check-fs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes `text` to `name` in the test directory and returns its path. */
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  test('GIVEN files of different sizes read one after the other by one CheckFs THEN each text is its file\'s, nothing of an earlier one', () => {
    // GIVEN: longer, then shorter (read into the same kept buffer), then longer again, then one beyond what is kept (a plan)
    const long = 'L'.repeat(300_000);
    const short = 'short, with UTF-8: é ✓';
    const plan = `{"planned_values": "${'p'.repeat(2 ** 20 + 100)}"}`;
    const paths = [file('long.yaml', long), file('short.yaml', short), file('long-again.yaml', `${long}!`), file('plan.json', plan), file('after.yaml', short)];
    const fs = nodeCheckFs();
    // WHEN
    const texts = paths.map(path => fs.readText(path, 32 * 2 ** 20));
    // THEN
    expect(texts).toEqual([long, short, `${long}!`, plan, short]);
  });

  test('GIVEN a file one byte over the bound after a file within it THEN FileTooLarge, and the bound still holds for the next read', () => {
    // GIVEN
    const fs = nodeCheckFs();
    const within = file('within.json', 'x'.repeat(1000));
    const over = file('over.json', 'x'.repeat(1001));
    // WHEN / THEN
    expect(fs.readText(within, 1000)).toBe('x'.repeat(1000));
    expect(() => fs.readText(over, 1000)).toThrow(FileTooLarge);
    expect(fs.readText(within, 1000)).toHaveLength(1000);
  });
});
