/**
 * Records what cfn-lint answers for each template of test/fixtures/yaml-comments.ts (not a test:
 * tests read the recording, never cfn-lint):
 *
 *   npx ts-node --project tsconfig.dev.json --transpile-only scripts/dev/record-cfn-lint-yaml.ts [--check]
 *
 * For each case it writes the template to a temporary directory (deleted at the end) and records:
 * - the parse errors (rule E0000) that `cfn-lint --format json` reports for the file, and the ids
 *   of its other findings (so a recording shows the template was otherwise read and linted);
 * - the value cfn-lint's own decoder (`cfnlint.decode.decode_str`, the one its CLI uses) reads,
 *   as JSON, short-form tags in their long form;
 * - whether PyYAML's pure-Python SafeLoader reads it: cfn-lint uses libyaml (CSafeLoader) when
 *   PyYAML was built with it, as PyPI's wheels are, and the two differ on a few of these cases.
 * A case that mpu-check reads and cfn-lint refuses has a text that means what mpu-check reads
 * (`readsAs`): it is recorded the same way.
 * With --check it writes nothing and exits 1 when the recording differs from what cfn-lint answers now.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { YAML_COMMENT_CASES } from '../../test/fixtures/yaml-comments';

/* eslint-disable no-console */

const RECORDING = join(__dirname, '..', '..', 'test', 'fixtures', 'yaml-comments.cfn-lint.json');
/** The name a case's `readsAs` text goes by while it is recorded. */
const READS_AS = ' (as mpu-check reads it)';

/** cfn-lint's decoder and PyYAML's pure-Python loader on each text of a JSON object { name: text } on stdin. */
const PYTHON = String.raw`
import json, sys, yaml
import cfnlint
from cfnlint.decode import decode_str

class Pure(yaml.SafeLoader):
    pass
Pure.add_multi_constructor('!', lambda loader, suffix, node: None)

out = {'versions': {'cfn-lint': cfnlint.__version__ if hasattr(cfnlint, '__version__') else None,
                    'PyYAML': yaml.__version__, 'libyaml': yaml.__with_libyaml__}, 'cases': {}}
for name, text in json.load(sys.stdin).items():
    template, matches = decode_str(text)
    decoded = {'error': '; '.join(m.message for m in matches)} if matches else {'value': template}
    try:
        yaml.load(text, Loader=Pure)
        pure = 'read'
    except yaml.YAMLError as error:
        pure = 'refused: ' + ' '.join(str(error).split())
    out['cases'][name] = {'decoded': decoded, 'pureYaml': pure}
print(json.dumps(out))
`;

interface Recorded {
  readonly yaml: string;
  /** What cfn-lint answers for the text that means what mpu-check reads, where cfn-lint refuses `yaml`. */
  readonly readsAs?: Omit<Recorded, 'readsAs'>;
  /** cfn-lint's E0000 findings for the file, as `line: message`. */
  readonly parseErrors: readonly string[];
  /** The ids of cfn-lint's other findings. */
  readonly otherRules: readonly string[];
  /** What cfn-lint's decoder reads: the value, or its error. */
  readonly decoded: { readonly value: unknown } | { readonly error: string };
  /** Whether PyYAML's pure-Python SafeLoader reads the text (`read`) or its error. */
  readonly pureYaml: string;
}

interface CfnLintMatch {
  readonly Filename: string;
  readonly Message: string;
  readonly Rule: { readonly Id: string };
  readonly Location: { readonly Start: { readonly LineNumber: number } };
}

function main(): void {
  const check = process.argv.includes('--check');
  const dir = mkdtempSync(join(tmpdir(), 'cfn-lint-yaml-'));
  try {
    const texts = YAML_COMMENT_CASES.flatMap(testCase => [
      { name: testCase.name, yaml: testCase.yaml },
      ...(testCase.mpuCheckReadsMore ? [{ name: `${testCase.name}${READS_AS}`, yaml: testCase.mpuCheckReadsMore.readsAs }] : []),
    ]);
    const files = texts.map((text, index) => {
      const file = join(dir, `case-${index}.yaml`);
      writeFileSync(file, text.yaml);
      return file;
    });
    const version = execFileSync('cfn-lint', ['--version'], { encoding: 'utf8' }).trim();
    const lint = spawnSync('cfn-lint', ['--format', 'json', '--', ...files], { encoding: 'utf8' });
    if (lint.error || lint.stdout.trim() === '') throw new Error(`cfn-lint did not answer: ${lint.error?.message ?? lint.stderr}`);
    const matches = JSON.parse(lint.stdout) as CfnLintMatch[];
    const python = spawnSync('python3', ['-c', PYTHON], {
      encoding: 'utf8',
      input: JSON.stringify(Object.fromEntries(texts.map(text => [text.name, text.yaml]))),
    });
    if (python.status !== 0) throw new Error(`python3 with cfnlint failed: ${python.stderr}`);
    const decoded = JSON.parse(python.stdout) as {
      versions: Record<string, unknown>;
      cases: Record<string, Pick<Recorded, 'decoded' | 'pureYaml'>>;
    };
    const answers = new Map(texts.map((text, index): [string, Omit<Recorded, 'readsAs'>] => {
      const own = matches.filter(match => match.Filename === files[index]);
      return [text.name, {
        yaml: text.yaml,
        parseErrors: own.filter(match => match.Rule.Id === 'E0000').map(match => `${match.Location.Start.LineNumber}: ${match.Message}`),
        otherRules: [...new Set(own.filter(match => match.Rule.Id !== 'E0000').map(match => match.Rule.Id))].sort(),
        ...decoded.cases[text.name],
      }];
    }));
    const cases: Record<string, Recorded> = {};
    for (const testCase of YAML_COMMENT_CASES) {
      const readsAs = answers.get(`${testCase.name}${READS_AS}`);
      cases[testCase.name] = { ...answers.get(testCase.name)!, ...(readsAs ? { readsAs } : {}) };
    }
    const recording = {
      recordedWith: { ...decoded.versions, 'cfn-lint': version },
      command: 'npx ts-node --project tsconfig.dev.json --transpile-only scripts/dev/record-cfn-lint-yaml.ts',
      cases,
    };
    const text = `${JSON.stringify(recording, null, 2)}\n`;
    if (check) {
      const same = readFileSync(RECORDING, 'utf8') === text;
      console.log(same ? 'the recording is what cfn-lint answers' : `the recording differs from what cfn-lint answers now: run without --check to rewrite ${RECORDING}`);
      process.exitCode = same ? 0 : 1;
      return;
    }
    writeFileSync(RECORDING, text);
    for (const [name, recorded] of Object.entries(cases)) {
      console.log(`${recorded.parseErrors.length === 0 ? 'read   ' : 'refused'} ${name}${recorded.pureYaml === 'read' ? '' : ' (pure PyYAML refuses)'}`);
    }
    console.log(`${YAML_COMMENT_CASES.length} cases recorded in ${RECORDING} with ${version}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
