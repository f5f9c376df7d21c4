import { mkdtempSync, readdirSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as ts from 'typescript';
import { docPages, fencedBlocks, readPage } from './_helpers/doc-pages';

const REPO = resolve(__dirname, '..');

/** The README and the references it links to: every page a reader copies examples from. */
const PAGES = docPages();

/** The ```ts blocks of a page, in order. */
function typescriptBlocks(markdown: string): string[] {
  return fencedBlocks(markdown).filter(block => block.lang === 'ts').map(block => block.text);
}

/** The `@example` of each doc comment in src/ (API.md shows them), by file. */
function docExamples(): Array<[string, string]> {
  const src = join(REPO, 'src');
  return readdirSync(src, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile() && entry.name.endsWith('.ts'))
    .flatMap(entry => {
      const file = join(entry.parentPath, entry.name);
      return [...readFileSync(file, 'utf8').matchAll(/\/\*\*([\s\S]*?)\*\//g)]
        .map(comment => /@example\n([\s\S]*?)(?=\n\s*\* @|$)/.exec(comment[1].split('\n').map(line => line.replace(/^\s*\* ?/, '')).join('\n'))?.[1])
        .filter((example): example is string => example !== undefined)
        .map(example => [relative(REPO, file), example] as [string, string]);
    });
}

/**
 * Type-checks each block strictly as a file of its own, as a user would paste it, with the package
 * name mapped to src/. One program holds every block, so aws-cdk-lib's declarations are read once,
 * not once per block; each block is still its own module (moduleDetection: force), so no block
 * sees another's names. Returns the diagnostics of each block, and of the other files the blocks
 * import (the library source), which a program per block reported with every block.
 */
function typeCheck(blocks: readonly string[]): { blocks: string[][]; imported: string[] } {
  const dir = mkdtempSync(join(REPO, 'node_modules', '.readme-'));
  try {
    const files = blocks.map((block, index) => {
      const file = join(dir, `example-${index + 1}.ts`);
      writeFileSync(file, block);
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      noUnusedLocals: false,
      module: ts.ModuleKind.Node16,
      target: ts.ScriptTarget.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      moduleDetection: ts.ModuleDetectionKind.Force,
      paths: {
        'cdk-mpu-guard': [join(REPO, 'src', 'index.ts')],
        'cdk-mpu-guard/audit': [join(REPO, 'src', 'audit', 'index.ts')],
        'cdk-mpu-guard/check': [join(REPO, 'src', 'file-check', 'index.ts')],
        'cdk-mpu-guard/file-check': [join(REPO, 'src', 'file-check', 'index.ts')],
        'cdk-mpu-guard/upload': [join(REPO, 'src', 'upload', 'index.ts')],
      },
      skipLibCheck: true,
      types: ['node'],
    });
    const messages = (source?: ts.SourceFile) => ts.getPreEmitDiagnostics(program, source)
      .map(d => `${d.file ? `${d.file.fileName}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    return {
      blocks: files.map(file => messages(program.getSourceFile(file))),
      imported: program.getSourceFiles().filter(source => !files.includes(source.fileName) && !source.isDeclarationFile).flatMap(messages),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('README and docs/ examples', () => {
  const pages = PAGES.map(page => ({ page, blocks: typescriptBlocks(readPage(page)) }));
  const blocks = pages.flatMap(({ page, blocks: ofPage }) => ofPage.map((block, index) => ({ page, number: index + 1, block })));
  let diagnostics: ReturnType<typeof typeCheck>;
  beforeAll(() => {
    diagnostics = typeCheck(blocks.map(({ block }) => block));
  });

  test('the references in docs/ are read too', () => {
    expect(PAGES).toEqual(expect.arrayContaining(['README.md', 'docs/enforcement.md', 'docs/monitor.md', 'docs/mpu-audit.md', 'docs/mpu-check.md', 'docs/mpu-upload.md', 'docs/resilient-bucket.md']));
  });

  test.each(['README.md', 'docs/resilient-bucket.md', 'docs/enforcement.md', 'docs/mpu-check.md', 'docs/mpu-audit.md', 'docs/monitor.md', 'docs/mpu-upload.md'])('%s has TypeScript examples to check', page => {
    expect(pages.find(p => p.page === page)?.blocks.length).toBeGreaterThan(0);
  });

  test.each(blocks.map(({ page, number }, index) => [page, number, index]))('%s block %i compiles against the library source', (_page, _number, index) => {
    expect(diagnostics.blocks[index]).toEqual([]);
  });

  test('the library source they import type-checks under the same strict options', () => {
    expect(diagnostics.imported).toEqual([]);
  });
});

describe('the @example of every construct, Aspect and pack in src/', () => {
  const examples = docExamples();
  let diagnostics: ReturnType<typeof typeCheck>;
  beforeAll(() => {
    diagnostics = typeCheck(examples.map(([, example]) => example));
  });

  test('every construct and class of the jsii API (API.md) has one', () => {
    const api = readFileSync(join(REPO, 'API.md'), 'utf8');
    const sections = api.slice(api.indexOf('## Constructs'), api.indexOf('## Enums')).split(/^## /m).filter(part => /^(Constructs|Classes) /.test(part));
    const classes = sections.flatMap(part => [...part.matchAll(/^### (\w+) /gm)].map(match => match[1]));
    expect(classes.length).toBeGreaterThan(0);
    const documented = examples.map(([file, example]) => ({ file, example }));
    const withoutExample = classes.filter(name => !documented.some(({ example }) => new RegExp(`\\bnew ${name}\\(|\\b${name}\\.applyTo\\(`).test(example)));
    expect(withoutExample).toEqual([]);
  });

  test.each(examples.map(([file], index) => [file, index]))('the example in %s compiles', (_file, index) => {
    expect(diagnostics.blocks[index as number]).toEqual([]);
  });
});
