import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root. */
export const REPO = join(__dirname, '..', '..');

/**
 * The pages a reader follows from the front page: README.md, then the references in docs/ it links
 * to (docs/*.md), as paths from the repository's root.
 */
export function docPages(): string[] {
  const docs = readdirSync(join(REPO, 'docs')).filter(name => name.endsWith('.md')).sort();
  return ['README.md', ...docs.map(name => `docs/${name}`)];
}

/** A page's text, by its path from the repository's root. */
export function readPage(page: string): string {
  return readFileSync(join(REPO, page), 'utf8');
}
