import { CheckResult } from '../../src/file-check/check-result';
import { checkedBucket, checkResult } from '../file-check/render/checked-bucket';

/**
 * Text a pull request can put into names, logical ids, paths, messages and acknowledgement
 * reasons, aimed at whoever reads mpu-check's output: a CI runner, a terminal, a report viewer.
 */
export const HOSTILE_TEXTS: readonly string[] = [
  'Logs\n::error file=x::pwned',
  '::add-mask::x',
  '  ::stop-commands::t',
  '\t::warning::tab',
  '\r::notice::cr',
  '\u00a0::error::nbsp',
  '\ufeff::error::bom',
  '##[add-mask]secret',
  'a ###[error]b',
  '##vso[task.setvariable variable=x]y',
  '##teamcity[message text=\'x\']',
  'red\x1b[31mtext\x1b]8;;https://evil.example\x07link',
  'csi\x9b31m',
  'line\u2028sep\u2029par',
  'rlo\u202eevil\u2066isolate\u2069',
  '[click](javascript:alert(1))',
  '![img](https://evil.example/x.png)',
  '<img src=x onerror=alert(1)>&#x202E;',
  '%{danger_start}styled%{danger_end}%{hidden}',
  'back\\slash\\[',
  '\x7f\x00',
];

/** One string holding all of them, for a field that can hold only one. */
export const HOSTILE_TEXT = HOSTILE_TEXTS.join(' ');

/** Characters no output may hold as they are, a line break between lines aside. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * What every format must hold, whatever its input: each line is free of raw controls and of CI
 * commands (GitHub's runner trims a line's start and takes `::name` there, and `##[name]` anywhere in
 * a line; Azure Pipelines `##vso[`, TeamCity `##teamcity[`).
 */
export function unsafeLines(output: string): string[] {
  return output.split('\n').filter(line => /^\s*::/.test(line) || /##/.test(line) || RAW_CONTROL.test(line));
}

/**
 * A check result whose every field a pull request writes holds hostile text: for each text, an
 * unacknowledged finding whose file, logical id, stack and message are that text, and an input that
 * could not be read, named and described by it; and a finding acknowledged with all of them as reason.
 */
export function hostileResult(): CheckResult {
  const resources = HOSTILE_TEXTS.map(text => checkedBucket({ file: text, id: text, stack: text, message: text }));
  resources.push(checkedBucket({ id: 'Reports', acknowledged: HOSTILE_TEXT, severity: 'note' }));
  const errors = HOSTILE_TEXTS.map(text => ({ file: text, line: 3, message: text }));
  return checkResult(resources, errors);
}
