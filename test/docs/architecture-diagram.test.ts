import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(REPO, path), 'utf8');

describe('the architecture diagram', () => {
  const source = read('docs/architecture.dot');
  const svg = read('docs/architecture.svg');

  test('the SVG was rendered from the current source (else: bash scripts/dev/diagram.sh)', () => {
    const hash = createHash('sha256').update(source).digest('hex');
    expect(svg).toContain(`<!-- source docs/architecture.dot sha256 ${hash} -->`);
  });

  test('every node of the source is drawn', () => {
    const labels = [...source.matchAll(/^\s*\w+ \[label="([^"\\]+)/gm)].map(m => m[1]);
    expect(labels.length).toBeGreaterThan(10);
    const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/-/g, '&#45;');
    for (const label of labels) expect(svg).toContain(`>${escaped(label)}</text>`);
  });

  test('the README shows it', () => {
    expect(read('README.md')).toContain('](docs/architecture.svg)');
  });

  test('the monitor\'s reference shows it', () => {
    expect(read('docs/monitor.md')).toContain('](architecture.svg)');
  });
});
