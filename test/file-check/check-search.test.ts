import { checkPaths } from '../../src/file-check/check-paths';
import { memoryCheckFs, resourceOf } from '../_helpers/check-helpers';

const BUCKET_TEMPLATE = (id: string) => `Resources:\n  ${id}:\n    Type: AWS::S3::Bucket\n`;

describe('a directory search', () => {
  test('GIVEN templates beside node_modules, hidden directories and files that are not templates THEN only the templates, without errors', async () => {
    // GIVEN
    const fs = memoryCheckFs({
      '/app/template.yaml': BUCKET_TEMPLATE('Root'),
      '/app/infra/db.yml': BUCKET_TEMPLATE('Infra'),
      '/app/infra/stack.template': BUCKET_TEMPLATE('Plain'),
      '/app/node_modules/lib/template.yaml': BUCKET_TEMPLATE('Dependency'),
      '/app/.aws-sam/build/template.yaml': BUCKET_TEMPLATE('BuildCopy'),
      '/app/.git/config.json': '{"Resources": {"X": {"Type": "AWS::S3::Bucket"}}}',
      '/app/package.json': '{ "name": "app", "version": "1.0.0", "scripts": { "build": "tsc" } }',
      '/app/tsconfig.json': '{\n  // comments are fine in tsconfig\n  "compilerOptions": { "strict": true, },\n}\n',
      '/app/config.yaml': 'Resources: [not, a, template]\nother: AWS::S3::Bucket\n',
      '/app/README.md': BUCKET_TEMPLATE('NotAYamlName'),
    });
    // WHEN
    const result = await checkPaths(['/app'], {}, fs);
    // THEN
    expect(result.errors).toEqual([]);
    expect(result.resources.map(r => [r.file, r.id])).toEqual([
      ['/app/infra/db.yml', 'Infra'],
      ['/app/infra/stack.template', 'Plain'],
      ['/app/template.yaml', 'Root'],
    ]);
    expect(result.templatesChecked).toBe(3);
  });

  test('GIVEN a YAML file that does not parse and names no AWS type THEN a search skips it', async () => {
    const fs = memoryCheckFs({ '/app/template.yaml': BUCKET_TEMPLATE('B'), '/app/ci.yaml': 'Resources: [unclosed\n' });
    const result = await checkPaths(['/app'], {}, fs);
    expect(result.errors).toEqual([]);
    expect(result.resources).toHaveLength(1);
  });

  test('GIVEN a directory with no template THEN one error saying so', async () => {
    const fs = memoryCheckFs({ '/app/package.json': '{"name": "app"}', '/app/node_modules/x/template.yaml': BUCKET_TEMPLATE('B') });
    const result = await checkPaths(['/app'], {}, fs);
    expect(result.resources).toEqual([]);
    expect(result.errors).toEqual([{ file: '/app', line: null, message: expect.stringContaining('found no CloudFormation or SAM template') }]);
  });

  test('GIVEN a hidden directory named explicitly THEN it is searched', async () => {
    const fs = memoryCheckFs({ '/app/.aws-sam/build/template.yaml': BUCKET_TEMPLATE('Built') });
    const result = await checkPaths(['/app/.aws-sam'], {}, fs);
    expect(resourceOf(result, 'Built').file).toBe('/app/.aws-sam/build/template.yaml');
  });
});

describe('a file system that refuses to read', () => {
  test('GIVEN one file that cannot be read THEN one error, and the others are checked', async () => {
    // GIVEN
    const fs = memoryCheckFs(
      { '/app/a.yaml': BUCKET_TEMPLATE('A'), '/app/secret.yaml': BUCKET_TEMPLATE('Secret'), '/app/z.yaml': BUCKET_TEMPLATE('Z') },
      ['/app/secret.yaml'],
    );
    // WHEN
    const result = await checkPaths(['/app'], {}, fs);
    // THEN
    expect(result.errors).toEqual([{ file: '/app/secret.yaml', line: null, message: "cannot read: EACCES: permission denied, open '/app/secret.yaml'" }]);
    expect(result.resources.map(r => r.id)).toEqual(['A', 'Z']);
  });

  test('GIVEN a directory that cannot be listed THEN one error, and the others are checked', async () => {
    const fs = memoryCheckFs({ '/app/a.yaml': BUCKET_TEMPLATE('A'), '/app/locked/b.yaml': BUCKET_TEMPLATE('B') }, ['/app/locked']);
    const result = await checkPaths(['/app'], {}, fs);
    expect(result.errors).toEqual([{ file: '/app/locked', line: null, message: "cannot read: EACCES: permission denied, scandir '/app/locked'" }]);
    expect(result.resources.map(r => r.id)).toEqual(['A']);
  });
});
