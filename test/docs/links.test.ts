import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { docPages, readPage, REPO } from '../_helpers/doc-pages';

/**
 * Files linked before they are written, by a change under way at the same time; each is checked as
 * soon as it exists. Remove an entry once its file has landed.
 */
const LANDING = new Set<string>([]);

/** The text a reader sees as prose: fenced blocks and code spans removed. */
const prose = (markdown: string) => markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');

/** The relative links of a page: path and anchor, as written. */
function relativeLinks(markdown: string): Array<{ path: string; anchor?: string }> {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)]
    .map(match => match[1])
    .filter(target => !/^[a-z]+:/.test(target))
    .map(target => {
      const [path, anchor] = target.split('#');
      return { path, anchor };
    });
}

/** The anchors GitHub makes for a page: one per heading (lower case, punctuation dropped, spaces as -), and each <a id>. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#+ (.*)$/gm)) {
    const slug = heading.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  for (const [, id] of markdown.matchAll(/<a id="([^"]+)"><\/a>/g)) anchors.add(id);
  return anchors;
}

describe('the links of the README and of docs/', () => {
  const links = docPages().flatMap(page => relativeLinks(readPage(page)).map(link => ({ page, ...link })));

  test('there are links to check, to docs/ among them', () => {
    expect(links.filter(link => link.page === 'README.md' && link.path.startsWith('docs/')).length).toBeGreaterThan(5);
  });

  test.each(links.map(({ page, path, anchor }) => [page, `${path}${anchor === undefined ? '' : `#${anchor}`}`, path, anchor ?? '']))(
    '%s: %s leads somewhere',
    (page, _target, path, anchor) => {
      const file = path === '' ? page : normalize(join(dirname(page), path));
      if (LANDING.has(file) && !existsSync(join(REPO, file))) return;
      expect(existsSync(join(REPO, file))).toBe(true);
      if (anchor === '') return;
      expect(statSync(join(REPO, file)).isFile()).toBe(true);
      expect([...anchorsOf(readPage(file))]).toContain(anchor);
    },
  );
});
