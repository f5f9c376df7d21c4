import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';

const REPO = resolve(__dirname, '..');

/** The ```ts blocks of the README, in order. */
function typescriptBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map(match => match[1]);
}

describe('README examples', () => {
  const blocks = typescriptBlocks(readFileSync(join(REPO, 'README.md'), 'utf8'));

  test('there are TypeScript examples to check', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  test.each(blocks.map((block, index) => [index + 1, block]))('block %i compiles against the library source', (_index, block) => {
    // GIVEN the block as a user would paste it, with the package name mapped to src/
    const dir = mkdtempSync(join(REPO, 'node_modules', '.readme-'));
    const file = join(dir, 'example.ts');
    writeFileSync(file, block);
    // WHEN it is type-checked strictly
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      noUnusedLocals: false,
      module: ts.ModuleKind.Node16,
      target: ts.ScriptTarget.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      paths: { 'cdk-mpu-guard': [join(REPO, 'src', 'index.ts')], 'cdk-mpu-guard/lib/*': [join(REPO, 'src', '*')] },
      skipLibCheck: true,
      types: ['node'],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    rmSync(dir, { recursive: true, force: true });
    // THEN there is no error
    expect(diagnostics).toEqual([]);
  });
});
