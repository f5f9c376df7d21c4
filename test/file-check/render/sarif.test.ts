import { gzipSync } from 'node:zlib';
import { checkedBucket as finding, checkResult as resultOf } from './checked-bucket';
import { checkPaths } from '../../../src/file-check/check-paths';
import { renderGitlabCodeQuality, renderSarif, renderText } from '../../../src/file-check/render';
import { escapeControls } from '../../../src/file-check/render/safe-text';
import { RULES, UNRESOLVED } from '../../../src/policy/rule-catalogue';
import { abortingBucket, acknowledgedBucket, fsIn, inputDirectory, parameterDaysBucket, plainBucket, taggedAbortBucket, template } from '../../_helpers/check-inputs';
import { escapeRegExp } from '../../_helpers/escape-reg-exp';
import { HOSTILE_TEXT, HOSTILE_TEXTS, hostileResult, unsafeLines } from '../../_helpers/hostile-text';
import { sarifSchemaErrors } from '../../_helpers/sarif-schema';

const OPTIONS = { toolVersion: '1.2.3', maxDays: 7 };

/** What code scanning takes at most in one upload (its documented hard limits). */
const CODE_SCANNING = {
  gzipBytes: 10 * 1024 * 1024, runs: 20, resultsPerRun: 25_000, rulesPerRun: 25_000, tagsPerRule: 20, locationsPerResult: 1_000,
};

async function sarifOf(files: Record<string, string>, paths: string[], options: { level?: 'error' | 'warning' } = {}) {
  const root = inputDirectory(files);
  const result = await checkPaths(paths, { maxDays: OPTIONS.maxDays, ...options }, fsIn(root));
  const text = renderSarif(result, OPTIONS);
  return { text, log: JSON.parse(text), result };
}

/** Everything code scanning needs beyond the schema, for one log. */
function expectCodeScanningAccepts(text: string) {
  const log = JSON.parse(text);
  expect(gzipSync(text).length).toBeLessThanOrEqual(CODE_SCANNING.gzipBytes);
  expect(log.$schema).toMatch(/sarif-2\.1\.0/);
  expect(log.version).toBe('2.1.0');
  expect(log.runs.length).toBeGreaterThanOrEqual(1);
  expect(log.runs.length).toBeLessThanOrEqual(CODE_SCANNING.runs);
  for (const run of log.runs) {
    const driver = run.tool.driver;
    expect(driver.name).toBe('mpu-check');
    expect(driver.rules.length).toBeLessThanOrEqual(CODE_SCANNING.rulesPerRun);
    for (const rule of driver.rules) {
      // The alert shows shortDescription and fullDescription, and the help under them.
      expect(rule).toMatchObject({
        id: expect.stringMatching(/^MultipartUpload-MPU\d$/),
        shortDescription: { text: expect.stringMatching(/\S/) },
        fullDescription: { text: expect.stringMatching(/\S/) },
        help: { text: expect.stringMatching(/\S/), markdown: expect.stringMatching(/\S/) },
      });
      expect(rule.properties.tags.length).toBeLessThanOrEqual(CODE_SCANNING.tagsPerRule);
    }
    expect(run.results.length).toBeLessThanOrEqual(CODE_SCANNING.resultsPerRun);
    for (const result of run.results) {
      expect(driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text).toMatch(/\S/);
      expect(result.locations.length).toBeGreaterThanOrEqual(1);
      expect(result.locations.length).toBeLessThanOrEqual(CODE_SCANNING.locationsPerResult);
      for (const location of result.locations) {
        const { artifactLocation, region } = location.physicalLocation;
        // A path relative to the repository root, with forward slashes, no scheme and no ./ (or an absolute file: URI).
        expect(artifactLocation.uri).toMatch(/^(?:file:\/\/\/|(?![a-z][a-z0-9+.-]*:)(?!\.\/)(?!\/))[^\\]+$/i);
        expect(Number.isInteger(region.startLine) && region.startLine >= 1).toBe(true);
        expect(Number.isInteger(region.startColumn) && region.startColumn >= 1).toBe(true);
      }
    }
    for (const notification of run.invocations.flatMap((invocation: any) => invocation.toolExecutionNotifications)) {
      const region = notification.locations[0].physicalLocation.region;
      // The OASIS schema's region needs startLine (or an offset): a notification without a line has no region.
      if (region !== undefined) expect(region.startLine).toBeGreaterThanOrEqual(1);
    }
  }
}

describe('renderSarif', () => {
  test('GIVEN all three rules, an acknowledged finding, an unresolved bucket and unreadable inputs THEN the log is valid SARIF 2.1.0 that code scanning takes', async () => {
    const { text, log } = await sarifOf({
      'stacks/template.yaml': template(
        plainBucket('Logs'), abortingBucket('Late', 30), taggedAbortBucket('Tagged'),
        acknowledgedBucket('Reports', 'reports are written in one PUT'), parameterDaysBucket('Staging'), abortingBucket('Uploads'),
      ),
      'stacks/broken.yaml': 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n  A:\n    Type: AWS::S3::Bucket\n',
    }, ['stacks/template.yaml', 'stacks/broken.yaml', 'stacks/missing.yaml']);

    expect(sarifSchemaErrors(log)).toEqual([]);
    expectCodeScanningAccepts(text);

    const [run] = log.runs;
    expect(run.tool.driver).toMatchObject({ name: 'mpu-check', version: '1.2.3' });
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(['MultipartUpload-MPU1', 'MultipartUpload-MPU2', 'MultipartUpload-MPU3']);
    // The compliant bucket is no result; every other bucket is one, at its logical id's line.
    expect(run.results.map((result: any) => [
      result.ruleId, result.level, result.locations[0].physicalLocation.region.startLine, result.locations[0].logicalLocations[0].name,
    ]))
      .toEqual([
        ['MultipartUpload-MPU1', 'error', 7, 'Logs'],
        ['MultipartUpload-MPU2', 'error', 9, 'Late'],
        ['MultipartUpload-MPU3', 'error', 18, 'Tagged'],
        ['MultipartUpload-MPU1', 'error', 30, 'Reports'],
        ['MultipartUpload-MPU1', 'warning', 37, 'Staging'],
      ]);
    expect(run.results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'stacks/template.yaml' }, region: { startLine: 7, startColumn: 3 } });
    expect(run.results[0].message.text).toMatch(/^Logs: the bucket keeps the parts of failed multipart uploads forever/);
    expect(run.results.filter((result: any) => result.suppressions !== undefined).map((result: any) => result.suppressions))
      .toEqual([[{ kind: 'inSource', justification: 'reports are written in one PUT' }]]);

    expect(run.invocations).toEqual([{
      executionSuccessful: false,
      toolExecutionNotifications: [
        { level: 'error', message: { text: expect.any(String) }, locations: [{ physicalLocation: { artifactLocation: { uri: 'stacks/broken.yaml' }, region: { startLine: 4 } } }] },
        { level: 'error', message: { text: 'no such file or directory' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'stacks/missing.yaml' } } }] },
      ],
    }]);
  });

  test('the help of each rule gives the fix with --max-days', async () => {
    const { log } = await sarifOf({ 't.yaml': template(abortingBucket('Uploads')) }, ['t.yaml']);
    const rules = log.runs[0].tool.driver.rules;
    expect(rules[0].help.text).toMatch(/DaysAfterInitiation: 7/);
    expect(rules[0].help.markdown).toMatch(/```yaml\nLifecycleConfiguration:\n {2}Rules:\n {4}- Id: abort-incomplete-uploads\n/);
    expect(rules[1].fullDescription.text).toMatch(/later than 7 days/);
    // A clean run is still a valid log, with no results and a successful invocation.
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  test('the rules array is the rule catalogue: id, name, descriptions, help, level and tags of every rule', async () => {
    const { log } = await sarifOf({ 't.yaml': template(abortingBucket('Uploads')) }, ['t.yaml']);
    expect(log.runs[0].tool.driver.rules).toEqual(RULES.map(rule => ({
      id: rule.id,
      name: rule.name,
      shortDescription: { text: rule.shortDescription },
      fullDescription: { text: rule.fullDescription(7) },
      help: { text: rule.help(7), markdown: rule.helpMarkdown(7) },
      defaultConfiguration: { level: rule.severity },
      properties: { tags: [...rule.tags] },
    })));
  });

  test('each rule\'s finding, in SARIF, text and GitLab, carries the catalogue\'s id and its problem and fix in a template\'s terms', async () => {
    const { log, result } = await sarifOf({
      't.yaml': template(plainBucket('Logs'), abortingBucket('Late', 30), taggedAbortBucket('Tagged'), parameterDaysBucket('Staging')),
    }, ['t.yaml']);
    const byBucket = Object.fromEntries(result.resources.map(resource => [resource.id, resource]));
    const expected = [['Logs', RULES[0]], ['Late', RULES[1]], ['Tagged', RULES[2]]] as const;
    const text = renderText(result);
    const issues = JSON.parse(renderGitlabCodeQuality(result));
    for (const [id, rule] of expected) {
      const { message, ruleId } = byBucket[id];
      expect(ruleId).toBe(rule.id);
      expect(message).toMatch(new RegExp(`^${escapeRegExp(rule.problem('cloudformation'))}: .+\\. ${escapeRegExp(rule.fix.cloudformation(7))}$`));
      const sarifResult = log.runs[0].results.find((one: any) => one.locations[0].logicalLocations[0].name === id);
      expect(sarifResult).toMatchObject({ ruleId: rule.id, level: rule.severity, message: { text: `${id}: ${message}` } });
      expect(log.runs[0].tool.driver.rules[sarifResult.ruleIndex].name).toBe(rule.name);
      expect(text).toContain(`: ${rule.severity} ${rule.id} ${id}: ${message}\n`);
      expect(issues.find((issue: any) => issue.check_name === rule.id).description).toContain(`${rule.id} ${id}: `);
    }
    expect(byBucket.Staging).toMatchObject({ ruleId: UNRESOLVED.ruleId, severity: 'warning' });
    expect(byBucket.Staging.message).toMatch(new RegExp(`^${escapeRegExp(UNRESOLVED.problem)}: .+\\. ${escapeRegExp(UNRESOLVED.fix.cloudformation)}$`));
  });

  test('--level warning: findings are warnings', async () => {
    const { log } = await sarifOf({ 't.yaml': template(plainBucket('Logs')) }, ['t.yaml'], { level: 'warning' });
    expect(log.runs[0].results.map((result: { level: string }) => result.level)).toEqual(['warning']);
  });

  test.each([
    ['infra/my stacks/t.yaml', 'infra/my%20stacks/t.yaml'],
    ['./t.yaml', 't.yaml'],
    ['infra\\t.yaml', 'infra/t.yaml'],
    ['././t.yaml', 't.yaml'],
    ['/home/ci/repo/t.yaml', 'file:///home/ci/repo/t.yaml'],
    ['C:\\repo\\t.yaml', 'file:///C:/repo/t.yaml'],
  ])('the file %j is the artifact URI %j', (file, uri) => {
    const log = JSON.parse(renderSarif(resultOf([finding({ file })]), OPTIONS));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(uri);
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  test('a large check (as many buckets as 10 templates of CloudFormation\'s 500 resources hold) stays within the upload limits', () => {
    const resources = Array.from({ length: 5_000 }, (_, i) => finding({ file: `stacks/stack-${i % 10}.template.json`, id: `Bucket${i}`, line: i + 1 }));
    const text = renderSarif(resultOf(resources), OPTIONS);
    expectCodeScanningAccepts(text);
    expect(JSON.parse(text).runs[0].results).toHaveLength(5_000);
  });

  describe('hostile input', () => {
    test('GIVEN hostile files, ids, stacks, messages and reasons THEN the log is valid, no line is a CI command or holds a raw control, and what is not rendered parses back as it was', () => {
      // WHEN a result whose every field holds hostile text is rendered
      const text = renderSarif(hostileResult(), OPTIONS);
      const log = JSON.parse(text);

      // THEN code scanning takes it, and the JSON holds nothing a log would act on
      expect(sarifSchemaErrors(log)).toEqual([]);
      expectCodeScanningAccepts(text);
      expect(unsafeLines(text)).toEqual([]);

      // and the names, the paths and the reason are the input's, exactly
      const [run] = log.runs;
      const results = run.results.filter((result: any) => result.suppressions === undefined);
      expect(results.map((result: any) => result.locations[0].logicalLocations[0].name)).toEqual(HOSTILE_TEXTS);
      expect(results.map((result: any) => result.locations[0].logicalLocations[0].fullyQualifiedName)).toEqual(HOSTILE_TEXTS.map(id => `${id}/${id}`));
      expect(results.map((result: any) => decodeURIComponent(result.locations[0].physicalLocation.artifactLocation.uri)))
        .toEqual(HOSTILE_TEXTS.map(file => file.replace(/\\/g, '/')));
      expect(run.results.flatMap((result: any) => result.suppressions ?? [])).toEqual([{ kind: 'inSource', justification: HOSTILE_TEXT }]);
    });

    test('messages with hostile ids and texts are each one line of plain text with no embedded link, for the spec and for viewers that ignore its escapes', () => {
      // WHEN each hostile text is a finding's logical id and message, and an unreadable input's message
      const messages = HOSTILE_TEXTS.flatMap(text => {
        const log = JSON.parse(renderSarif(resultOf([finding({ id: text, message: text })], [{ file: 't.yaml', line: null, message: text }]), OPTIONS));
        return [log.runs[0].results[0].message.text, log.runs[0].invocations[0].toolExecutionNotifications[0].message.text];
      });

      // THEN SARIF 2.1.0 §3.11.6: without its escape pairs (\\, \[, \]), no bracket is left to open or close a link
      expect(messages.filter(message => /[[\]]/.test(message.replace(/\\[\\[\]]/g, '')))).toEqual([]);
      // and a viewer that matches [...](...) as it is finds none
      expect(messages.filter(message => /\[[^\]]*\]\(/.test(message))).toEqual([]);
      // and none holds a raw control
      expect(messages.filter(message => escapeControls(message) !== message)).toEqual([]);
    });

    test('a link in a logical id is escaped as the spec escapes brackets, and the name of its logical location is not', () => {
      const log = JSON.parse(renderSarif(resultOf([finding({ id: '[click](javascript:alert(1))', message: 'para[0]\\spans.' })]), OPTIONS));
      const [result] = log.runs[0].results;
      expect(result.message.text).toBe('\\[click\\]\\(javascript:alert(1)): para\\[0\\]\\\\spans.');
      expect(result.locations[0].logicalLocations[0].name).toBe('[click](javascript:alert(1))');
    });
  });
});
