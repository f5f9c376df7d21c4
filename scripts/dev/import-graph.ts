// Prints the import graph of src/ between its parts (the folders of projenrc/layers.ts), every
// import circle, and every import against the layers; exits 1 when there is a circle or a wrong
// arrow. The graph comes from dependency-cruiser, type-only imports included.
// Usage: npx ts-node --project tsconfig.dev.json scripts/dev/import-graph.ts
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { LAYERS, NARROWER_RULES } from '../../projenrc/layers';

const REPO = resolve(__dirname, '..', '..');

/** One import between two files of src/, as paths below src/. */
export interface Import {
  readonly from: string;
  readonly to: string;
  readonly circular: boolean;
}

/** The imports between the files of `folder` (src/ of this repo unless told), as paths below it. */
export function importsOf(folder = 'src', cwd = REPO): Import[] {
  const cli = join(REPO, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');
  const args = [cli, folder, '--no-config', '--ts-config', join(REPO, 'tsconfig.dev.json'),
    '--ts-pre-compilation-deps', '--do-not-follow', 'node_modules', '--output-type', 'json'];
  const output = execFileSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  type Cruised = { modules: Array<{ source: string; dependencies: Array<{ resolved: string; circular: boolean }> }> };
  const { modules } = JSON.parse(output) as Cruised;
  const below = (path: string) => path.startsWith(`${folder}/`);
  const inFolder = (path: string) => path.slice(folder.length + 1);
  return modules
    .filter(module => below(module.source))
    .flatMap(module => module.dependencies
      .filter(dependency => below(dependency.resolved))
      .map(dependency => ({ from: inFolder(module.source), to: inFolder(dependency.resolved), circular: dependency.circular })));
}

/** The part of src/ a file belongs to: its top-level folder, or the file itself (index.ts). */
export function partOf(path: string): string {
  return path.split('/')[0];
}

/** Why an import is against the layers, or undefined when it is allowed. */
export function wrongArrow({ from, to }: Import): string | undefined {
  const [source, target] = [partOf(from), partOf(to)];
  if (source === 'index.ts') return undefined;
  const below = LAYERS[source];
  if (below === undefined) return `src/${from}: src/${source} is not a layer of projenrc/layers.ts`;
  if (source !== target && !below.includes(target)) return `src/${from} imports src/${to}: src/${source} may import only ${below.join(', ') || 'itself'}`;
  for (const rule of NARROWER_RULES) {
    const inside = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);
    if (inside(from, rule.folder) && inside(to, rule.mayNotImport) && !rule.except.some(allowed => inside(to, `${rule.mayNotImport}/${allowed}`))) {
      return `src/${from} imports src/${to}: ${rule.why}`;
    }
  }
  return undefined;
}

/** How many imports go from each part to each other part. */
export function partGraph(imports: readonly Import[]): Map<string, Map<string, number>> {
  const graph = new Map<string, Map<string, number>>();
  for (const { from, to } of imports) {
    const [source, target] = [partOf(from), partOf(to)];
    if (source === target) continue;
    const targets = graph.get(source) ?? new Map<string, number>();
    targets.set(target, (targets.get(target) ?? 0) + 1);
    graph.set(source, targets);
  }
  return graph;
}

function main(): void {
  const imports = importsOf();
  const graph = partGraph(imports);
  const order = [...Object.keys(LAYERS), 'index.ts'];
  console.log(`The parts of src/ and what they import (${imports.length} imports between ${new Set(imports.flatMap(i => [i.from, i.to])).size} files):`);
  for (const part of order) {
    const targets = [...(graph.get(part) ?? new Map<string, number>())].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
    console.log(`  ${part.padEnd(16)} -> ${targets.map(([target, count]) => `${target} (${count})`).join(', ') || '(nothing)'}`);
  }
  const circles = imports.filter(i => i.circular);
  const wrong = imports.map(wrongArrow).filter((problem): problem is string => problem !== undefined);
  console.log(`Import circles: ${circles.length}${circles.map(i => `\n  src/${i.from} -> src/${i.to}`).join('')}`);
  console.log(`Imports against the layers: ${wrong.length}${wrong.map(problem => `\n  ${problem}`).join('')}`);
  if (circles.length + wrong.length > 0) process.exitCode = 1;
}

if (require.main === module) main();
