import { INPUT_LIMITS } from '../../src/file-check/input-limits';
import { recogniseInput, Recognised } from '../../src/file-check/input-recognition';

const recognise = (text: string, named: boolean): Recognised => recogniseInput('/app/x.json', '/real/x.json', text, named, INPUT_LIMITS.defaultFileBytes);
const BUCKET_TEMPLATE = '{"Resources": {"Logs": {"Type": "AWS::S3::Bucket"}}}';

describe('recognising a file by its content', () => {
  test.each([
    ['a template', BUCKET_TEMPLATE, 'template'],
    ['a cloud assembly manifest', '{"version": "36.0.0", "artifacts": {}}', 'cloud-assembly'],
    ['a plan', '{"format_version": "1.2", "planned_values": {}}', 'terraform-plan'],
  ])('GIVEN %s THEN an input of its kind, found or named', (_, text, kind) => {
    expect(recognise(text, false).kind).toBe(kind);
    expect(recognise(text, true).kind).toBe(kind);
  });

  test('GIVEN a template THEN the input keeps its path, real path and parsed text', () => {
    const found = recognise(BUCKET_TEMPLATE, false);
    expect(found).toMatchObject({ kind: 'template', file: '/app/x.json', realPath: '/real/x.json' });
    expect(found.kind === 'template' && found.text.value).toEqual(JSON.parse(BUCKET_TEMPLATE));
  });

  test.each([
    ['package.json', '{"name": "app", "version": "1.0.0"}'],
    ['JSON that mentions Resources but is no template', '{"Resources": "none"}'],
    ['a file that cannot be parsed and names nothing of AWS', 'Resources: [unclosed'],
  ])('GIVEN %s THEN a search skips it, and naming it is an error', (_, text) => {
    expect(recognise(text, false)).toEqual({ kind: 'not-an-input' });
    expect(recognise(text, true)).toMatchObject({ kind: 'problem', problem: { file: '/app/x.json' } });
  });

  test('GIVEN YAML larger than CloudFormation takes THEN it is not parsed: skipped unless it names AWS, an error when named', () => {
    const large = `Resources:\n${'  # padding\n'.repeat(INPUT_LIMITS.templateBytes / 10)}`;
    expect(recognise(large, false)).toEqual({ kind: 'not-an-input' });
    expect(recognise(`${large}Type: AWS::S3::Bucket\n`, false)).toMatchObject({ kind: 'problem', problem: { message: expect.stringContaining('more than the 1,000,000 bytes CloudFormation takes') } });
    expect(recognise(large, true).kind).toBe('problem');
  });

  test('GIVEN a JSON template larger than CloudFormation takes THEN an error, though a plan that large is an input', () => {
    const padding = ' '.repeat(INPUT_LIMITS.templateBytes);
    expect(recognise(`${BUCKET_TEMPLATE}${padding}`, false)).toMatchObject({ kind: 'problem', problem: { line: null } });
    expect(recognise(`{"format_version": "1.2", "planned_values": {}}${padding}`, false).kind).toBe('terraform-plan');
  });

  test('GIVEN a named template that is not valid JSON THEN the parse error, at its line', () => {
    expect(recognise('{\n"Resources": {"A": {"Type": "AWS::S3::Bucket"}},\n"Resources": {}\n}', true)).toMatchObject({ kind: 'problem', problem: { line: 3 } });
  });
});
