import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAYERS } from '../../projenrc/layers';

const REPO = join(__dirname, '..', '..');

/** The rows of docs/development.md's table of src/ folders: folder, what, may import. */
function folderRows(): Array<{ layer: string; what: string; mayImport: string[] }> {
  const page = readFileSync(join(REPO, 'docs', 'development.md'), 'utf8');
  return [...page.matchAll(/^\| `src\/([^`]*)\/` \| (.*) \| ([^|]*) \|$/gm)].map(([, layer, what, imports]) => ({
    layer,
    what,
    mayImport: imports.trim() === 'nothing' ? [] : imports.split(',').map(name => name.trim()),
  }));
}

describe('the folder table of docs/development.md is projenrc/layers.ts', () => {
  const rows = folderRows();

  test('every layer has a row, in the order of the layers, and no other folder of src/ has one', () => {
    expect(rows.map(row => row.layer)).toEqual(Object.keys(LAYERS));
  });

  test.each(Object.entries(LAYERS))('src/%s/ may import what its layer may import', (layer, mayImport) => {
    expect(rows.find(row => row.layer === layer)?.mayImport).toEqual(mayImport);
  });

  test.each(Object.keys(LAYERS))('src/%s/ says what it is', layer => {
    expect(rows.find(row => row.layer === layer)?.what.trim().length).toBeGreaterThan(10);
  });

  test('a layer with a runtime/ that runs in Lambda or the CLI says so', () => {
    expect(rows.find(row => row.layer === 'lambda')?.what).toContain('`runtime/`');
  });
});
