import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputDirectory } from '../../_helpers/check-inputs';
import { HOSTILE_TEXT, unsafeLines } from '../../_helpers/hostile-text';
import { runMpuCheck } from '../../_helpers/run-mpu-check';
import { sarifSchemaErrors } from '../../_helpers/sarif-schema';

/** A file name a pull request can add (no `/`, no NUL, under 255 bytes) that says what HOSTILE_TEXT says. */
const NAME = 'Logs\n::error file=x::pwned ##[add-mask]secret ##vso[task.setvariable]x \x1b[31m\x9b\u2028\u202e[click](javascript:alert(1)) back\\slash';

/** A template named NAME whose bucket's logical id, and an acknowledgement's reason, are HOSTILE_TEXT; and a template that does not parse, named to start a line with `  ::`. */
function hostileInputs(): string {
  const id = JSON.stringify(HOSTILE_TEXT);
  return inputDirectory({
    [`${NAME}.yaml`]: `Resources:\n  ${id}:\n    Type: AWS::S3::Bucket\n  Reports:\n    Type: AWS::S3::Bucket\n    Metadata:\n      cdk-mpu-guard:\n`
      + `        acknowledge:\n          - id: MultipartUpload-MPU1\n            reason: ${id}\n`,
    '  ::stop-commands::t.yaml': `Resources:\n  ${id}:\n    Type: AWS::S3::Bucket\n  ${id}:\n    Type: AWS::S3::Bucket\n`,
  });
}

/** What each JSON format must give back exactly as the input wrote it (the text format is checked line by line). */
const PARSED_BACK: Record<string, (report: string) => void> = {
  text: report => expect(report.split('\n')).toEqual([
    expect.stringMatching(/^Logs\\x0A::error file=x::pwned #\\x23\[add-mask\]secret #\\x23vso\[task\.setvariable\]x \\x1B\[31m\\x9B\\u\{2028\}\\u\{202E\}\[click\]/),
    expect.stringMatching(/^ {2}\\x3A:stop-commands::t\.yaml:\d+: error: /),
    expect.stringMatching(/^mpu-check: 2 buckets/),
    '',
  ]),
  json: report => {
    const json = JSON.parse(report);
    expect(json.resources.map((resource: any) => [resource.file, resource.id, resource.acknowledged]))
      .toEqual([[`${NAME}.yaml`, HOSTILE_TEXT, null], [`${NAME}.yaml`, 'Reports', HOSTILE_TEXT]]);
    expect(json.errors.map((error: any) => error.file)).toEqual(['  ::stop-commands::t.yaml']);
  },
  sarif: report => {
    const sarif = JSON.parse(report);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results.map((result: any) => result.locations[0].logicalLocations[0].name)).toEqual([HOSTILE_TEXT, 'Reports']);
    expect(sarif.runs[0].results[1].suppressions).toEqual([{ kind: 'inSource', justification: HOSTILE_TEXT }]);
  },
  // (a backslash is a Windows path's separator to GitLab)
  gitlab: report => expect(JSON.parse(report).map((issue: any) => issue.location.path)).toEqual([`${NAME.replace(/\\/g, '/')}.yaml`]),
};

describe('the mpu-check bin on names, ids and reasons written to be turned against its reader', () => {
  const root = hostileInputs();

  test.each(Object.keys(PARSED_BACK))('--format %s, on stdout and with --output: no line is a CI command or holds a raw control, and the data is the input\'s', format => {
    // WHEN the report goes to stdout
    const printed = runMpuCheck(['--format', format, '.'], root);
    // and to a file, the problems and the summary to stderr
    const output = `report-${format}`;
    const written = runMpuCheck(['--format', format, '--output', output, '.'], root);
    const report = readFileSync(join(root, output), 'utf8');

    // THEN both runs judged both files: the finding, and the template that does not parse (exit 2)
    expect(printed.exitCode).toBe(2);
    expect(written.exitCode).toBe(2);
    expect(report).toBe(printed.stdout);
    for (const text of [printed.stdout, printed.stderr, written.stdout, written.stderr, report]) {
      expect(unsafeLines(text)).toEqual([]);
    }
    // and stderr holds the problem and the summary, one line each
    expect(written.stderr.split('\n')).toEqual([
      expect.stringMatching(/^mpu-check: {3}::stop-commands::t\.yaml:\d+: /),
      expect.stringMatching(/^mpu-check: 2 buckets in 1 template: 1 error, 0 warnings, 1 acknowledged, 0 compliant; 1 input could not be read$/),
      '',
    ]);
    // and the report says what the input says
    PARSED_BACK[format](report);
  });

  test('a usage error that quotes a hostile flag value or option is one escaped line', () => {
    for (const args of [['--format', 'x\n::error::pwned ##[x]', '.'], ['--x\n::add-mask::y', '.']]) {
      const run = runMpuCheck(args, root);
      expect(run).toMatchObject({ exitCode: 2, stdout: '' });
      expect(run.stderr).toMatch(/^mpu-check: [^\n]*\\x0A::[^\n]*\n$/);
      expect(unsafeLines(run.stderr)).toEqual([]);
    }
  });
});
