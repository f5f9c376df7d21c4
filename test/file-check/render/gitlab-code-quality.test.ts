import { CheckedResource, CheckResult } from '../../../src/file-check/check-result';
import { CodeQualityIssue, renderGitlabCodeQuality } from '../../../src/file-check/render';
import { escapeControls } from '../../../src/file-check/render/safe-text';
import { MultipartUploadRuleId, Verdict } from '../../../src/policy/verdict';
import { HOSTILE_TEXTS, hostileResult, unsafeLines } from '../../_helpers/hostile-text';

function bucket(overrides: Partial<CheckedResource>): CheckedResource {
  return {
    file: 'templates/storage.yaml',
    line: 4,
    column: 3,
    id: 'Uploads',
    type: 'AWS::S3::Bucket',
    verdict: Verdict.MISSING,
    ruleId: MultipartUploadRuleId.MPU1,
    acknowledged: null,
    message: 'The bucket has no lifecycle rules.',
    severity: 'error',
    ...overrides,
  };
}

function render(resources: CheckedResource[], errors: CheckResult['errors'] = []): CodeQualityIssue[] {
  const text = renderGitlabCodeQuality({ resources, errors, templatesChecked: 1 });
  expect(text.endsWith('\n')).toBe(true);
  return JSON.parse(text) as CodeQualityIssue[];
}

describe('renderGitlabCodeQuality', () => {
  test('an unacknowledged finding is one issue in the fields GitLab reads', () => {
    // GIVEN a bucket without an abort rule
    // WHEN it is rendered
    const issues = render([bucket({})]);

    // THEN it is one issue at the resource's line, named by its rule
    expect(issues).toEqual([{
      description: 'MultipartUpload-MPU1 Uploads: The bucket has no lifecycle rules.',
      check_name: 'MultipartUpload-MPU1',
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      severity: 'major',
      location: { path: 'templates/storage.yaml', lines: { begin: 4 } },
    }]);
  });

  test('an empty report is an empty array, not nothing', () => {
    expect(render([])).toEqual([]);
  });

  test('acknowledged findings, compliant buckets and unreadable inputs are left out', () => {
    // GIVEN an acknowledged finding, a compliant bucket, an input error and one finding
    const issues = render([
      bucket({ id: 'Scratch', acknowledged: 'written in one PUT', severity: 'note' }),
      bucket({ id: 'Fine', verdict: Verdict.COMPLIANT, ruleId: null, severity: 'note' }),
      bucket({ id: 'Late', verdict: Verdict.TOO_LATE, ruleId: MultipartUploadRuleId.MPU2 }),
    ], [{ file: 'broken.yaml', line: 3, message: 'bad indentation' }]);

    // THEN only the finding is reported
    expect(issues.map(issue => issue.check_name)).toEqual(['MultipartUpload-MPU2']);
    expect(issues[0].description).toMatch(/^MultipartUpload-MPU2 Late: /);
  });

  test('a warning (--level warning, or an unresolved value) is minor, an error major', () => {
    const issues = render([
      bucket({ id: 'Error' }),
      bucket({ id: 'Warning', severity: 'warning' }),
      bucket({ id: 'Unresolved', verdict: Verdict.UNRESOLVED, severity: 'warning' }),
    ]);
    expect(issues.map(issue => issue.severity)).toEqual(['major', 'minor', 'minor']);
  });

  test('paths stay relative as given, with forward slashes and no leading ./', () => {
    const issues = render([
      bucket({ file: 'templates/storage.yaml', id: 'A' }),
      bucket({ file: './cdk.out/App.template.json', id: 'B' }),
      bucket({ file: 'infra\\sam\\template.yaml', id: 'C' }),
      bucket({ file: '../shared/template.json', id: 'D' }),
    ]);
    expect(issues.map(issue => issue.location.path)).toEqual([
      'templates/storage.yaml', 'cdk.out/App.template.json', 'infra/sam/template.yaml', '../shared/template.json',
    ]);
  });

  test('the stack of a cloud assembly or a nested template is in the description', () => {
    const [issue] = render([bucket({ file: 'cdk.out/Prod-Storage.template.json', stack: 'Prod/Storage' })]);
    expect(issue.description).toBe('MultipartUpload-MPU1 Uploads (stack Prod/Storage): The bucket has no lifecycle rules.');
  });

  describe('hostile input', () => {
    test('GIVEN hostile files, ids, stacks and messages THEN no line of the report is a CI command or holds a raw control, and the paths parse back as they were', () => {
      // WHEN a result whose every field holds hostile text is rendered
      const hostile = hostileResult();
      const text = renderGitlabCodeQuality(hostile);

      // THEN the JSON holds nothing a log would act on, and a path is the file as given (slashes aside)
      expect(unsafeLines(text)).toEqual([]);
      const issues = JSON.parse(text) as CodeQualityIssue[];
      expect(issues.map(issue => issue.location.path)).toEqual(HOSTILE_TEXTS.map(file => file.replace(/\\/g, '/')));
    });

    test('descriptions of findings with hostile ids, stacks and messages render as the text they hold: no Markdown, HTML or styling token, one line', () => {
      // WHEN each hostile text is a finding's logical id, stack and message
      const descriptions = render(HOSTILE_TEXTS.map(text => bucket({ id: text, stack: text, message: text }))).map(issue => issue.description);

      // THEN CommonMark: a backslash before ASCII punctuation makes it a literal character (before any other, it is one)
      expect(descriptions.filter(description => /[`*~[\]<>&]|%\{/.test(description.replace(/\\[!-/:-@[-`{-~]/g, '')))).toEqual([]);
      // and none holds a raw control
      expect(descriptions.filter(description => escapeControls(description) !== description)).toEqual([]);
      expect(descriptions.every(description => description.startsWith('MultipartUpload-MPU1 '))).toBe(true);
    });

    test('a link, HTML and an entity in the logical id are escaped for Markdown, the path is not', () => {
      const [issue] = render([bucket({ file: 'a[b].yaml', id: '[click](javascript:alert(1))', message: '<img src=x> &#x202E; done.' })]);
      expect(issue.description).toBe('MultipartUpload-MPU1 \\[click\\](javascript:alert(1)): \\<img src=x\\> \\&#x202E; done.');
      expect(issue.location.path).toBe('a[b].yaml');
    });
  });

  describe('the fingerprint', () => {
    test('is the same in every run, and when only the line, the column or the message changes', () => {
      // GIVEN the same finding before and after lines above it moved and its message changed
      const before = render([bucket({})])[0].fingerprint;
      const after = render([bucket({ line: 40, column: 7, message: 'The bucket has only a disabled abort rule.' })])[0].fingerprint;

      // THEN GitLab sees one finding, not one fixed and one new
      expect(render([bucket({})])[0].fingerprint).toBe(before);
      expect(after).toBe(before);
    });

    test('is the same for ./file and file', () => {
      expect(render([bucket({ file: './templates/storage.yaml' })])[0].fingerprint)
        .toBe(render([bucket({ file: 'templates/storage.yaml' })])[0].fingerprint);
    });

    test.each([
      ['another file', { file: 'templates/other.yaml' }],
      ['another logical id', { id: 'Downloads' }],
      ['another stack of the same template', { stack: 'Prod/Storage' }],
      ['another rule', { ruleId: MultipartUploadRuleId.MPU3, verdict: Verdict.INVALID_RULE }],
    ])('differs for %s', (_what, change) => {
      expect(render([bucket(change)])[0].fingerprint).not.toBe(render([bucket({})])[0].fingerprint);
    });

    test('is unique in a report, even for two findings alike in all it is made of', () => {
      // GIVEN findings in many files and stacks, and two that agree in file, stack, id and rule
      const resources = [
        ...['a.yaml', 'b.yaml', 'c/a.yaml'].flatMap(file => ['One', 'Two'].map(id => bucket({ file, id }))),
        bucket({ file: 'cdk.out/A.template.json', stack: 'A' }),
        bucket({ file: 'cdk.out/A.template.json', stack: 'B' }),
        bucket({ id: 'Twice', line: 4 }),
        bucket({ id: 'Twice', line: 9 }),
      ];

      // WHEN rendered
      const fingerprints = render(resources).map(issue => issue.fingerprint);

      // THEN every issue has a fingerprint of its own, and the report is the same each time
      expect(new Set(fingerprints).size).toBe(resources.length);
      expect(render(resources).map(issue => issue.fingerprint)).toEqual(fingerprints);
    });
  });
});
