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

/** A fenced code block of a page: its language (`ts`, `yaml`, or empty), the line it starts on, and its text. */
export interface FencedBlock {
  readonly lang: string;
  readonly line: number;
  readonly text: string;
}

/** The fenced code blocks of a page, in order. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  return [...markdown.matchAll(/^```([a-z]*)\n([\s\S]*?)^```/gm)].map(match => ({
    lang: match[1],
    line: markdown.slice(0, match.index).split('\n').length + 1,
    text: match[2],
  }));
}
