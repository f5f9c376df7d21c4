import { checkedBucket, checkResult } from './checked-bucket';
import { CheckedResource } from '../../../src/file-check/check-result';
import { renderJson, renderText, summaryLine } from '../../../src/file-check/render';
import { Verdict } from '../../../src/policy/verdict';
import { HOSTILE_TEXTS, hostileResult, unsafeLines } from '../../_helpers/hostile-text';

const bucket = (overrides: Partial<CheckedResource>) => checkedBucket({ file: 'cdk.out/Prod.template.json', line: 12, column: 5, id: 'DataBucket', ...overrides });
const result = checkResult;

describe('renderText', () => {
  test('a finding in a cloud assembly names its stack; acknowledged and compliant buckets are only counted', () => {
    const text = renderText(result([
      bucket({ stack: 'Prod/Api' }),
      bucket({ id: 'Reports', acknowledged: 'one PUT', severity: 'note' }),
      bucket({ id: 'Uploads', verdict: Verdict.COMPLIANT, ruleId: null, severity: 'note', message: 'In time.' }),
    ], [{ file: 'cdk.out/manifest.json', line: null, message: 'not valid JSON' }, { file: 'a.yaml', line: 3, message: 'bad indentation' }], 2));
    expect(text).toBe([
      'cdk.out/Prod.template.json:12:5: error MultipartUpload-MPU1 DataBucket (stack Prod/Api): the bucket keeps the parts forever.',
      'cdk.out/manifest.json: error: not valid JSON',
      'a.yaml:3: error: bad indentation',
      'mpu-check: 3 buckets in 2 templates: 1 error, 0 warnings, 1 acknowledged, 1 compliant; 2 inputs could not be read',
      '',
    ].join('\n'));
  });

  test('GIVEN hostile files, ids, stacks and messages THEN each finding and error stays one line, and no line is a CI command or holds a raw control', () => {
    // WHEN a result whose every field holds hostile text is rendered
    const text = renderText(hostileResult());

    // THEN no line starts (after blanks) with ::, none holds ## or a raw control
    expect(unsafeLines(text)).toEqual([]);
    // and each finding and each error is one line, then the summary
    expect(text.split('\n')).toHaveLength(2 * HOSTILE_TEXTS.length + 2);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Logs\\x0A::error file=x::pwned:3:3: error MultipartUpload-MPU1 Logs\\x0A::error file=x::pwned (stack Logs\\x0A::error file=x::pwned): '
      + 'Logs\\x0A::error file=x::pwned');
    expect(lines[1]).toMatch(/^\\x3A:add-mask::x:3:3: error /);
    expect(lines[2]).toMatch(/^ {2}\\x3A:stop-commands::t:3:3: error /);
    expect(lines).toContain('#\\x23[add-mask]secret:3: error: #\\x23[add-mask]secret');
    expect(lines).toContain('red\\x1B[31mtext\\x1B]8;;https://evil.example\\x07link:3: error: red\\x1B[31mtext\\x1B]8;;https://evil.example\\x07link');
  });

  test('the summary of nothing found, and its singulars', () => {
    expect(summaryLine(result([], [], 0))).toBe('mpu-check: 0 buckets in 0 templates: 0 errors, 0 warnings, 0 acknowledged, 0 compliant');
    expect(summaryLine(result([bucket({ severity: 'warning' })], [{ file: 'x', line: null, message: 'm' }])))
      .toBe('mpu-check: 1 bucket in 1 template: 0 errors, 1 warning, 0 acknowledged, 0 compliant; 1 input could not be read');
  });
});

describe('renderJson', () => {
  test('the result as it is, compliant buckets included, one JSON document ending in a newline', () => {
    const checked = result([bucket({}), bucket({ id: 'Uploads', verdict: Verdict.COMPLIANT, ruleId: null, severity: 'note' })], [{ file: 'x.yaml', line: 2, message: 'm' }]);
    const text = renderJson(checked);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({ resources: checked.resources, errors: checked.errors, templatesChecked: 1 });
  });

  test('GIVEN hostile files, ids, stacks, messages and reasons THEN they parse back exactly as they were, and no line is a CI command or holds a raw control', () => {
    const checked = hostileResult();
    const text = renderJson(checked);
    expect(unsafeLines(text)).toEqual([]);
    expect(JSON.parse(text)).toEqual({ resources: checked.resources, errors: checked.errors, templatesChecked: 1 });
  });
});
