import { MAX_PLAUSIBLE_DAYS } from '../../facts/input-facts';
import { DEFAULT_MAX_DAYS } from '../../policy/evaluate';
import { defineOptions, ParsedOptions } from '../options/option-table';
import { reportTargetOptions } from '../options/report-target-options';
import { oneOf, wholeNumber } from '../options/value-parsers';

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'gitlab'] as const;
export type CheckFormat = typeof CHECK_FORMATS[number];
export const CHECK_LEVELS = ['error', 'warning'] as const;

const RULES = 'Rules:';
const OUTPUT = 'Output:';

/** Every option of mpu-check, in the order of --help. */
export const MPU_CHECK_OPTIONS = defineOptions({
  'help': { kind: 'flag', short: 'h' },
  'version': { kind: 'flag' },
  'max-days': {
    kind: 'string',
    valueName: 'N',
    parse: wholeNumber(1, MAX_PLAUSIBLE_DAYS),
    default: DEFAULT_MAX_DAYS,
    help: { section: RULES, lines: ['an abort rule later than N days is MPU2'], showDefault: true },
  },
  'level': {
    kind: 'string',
    valueName: 'LEVEL',
    parse: oneOf(CHECK_LEVELS),
    default: 'error' as typeof CHECK_LEVELS[number],
    help: { section: RULES, lines: ['error, or warning: findings are reported but do not fail'], showDefault: true },
  },
  'keep-going': {
    kind: 'flag',
    help: { section: RULES, lines: ['an input that cannot be read is a warning, not exit code 2'] },
  },
  'skip-non-templates': {
    kind: 'flag',
    help: { section: RULES, lines: ['skip a named file that is not a template, as a directory', 'search does (for pre-commit, which names every staged file)'] },
  },
  'format': {
    kind: 'string',
    valueName: 'FORMAT',
    parse: oneOf(CHECK_FORMATS),
    default: 'text' as CheckFormat,
    help: {
      section: OUTPUT,
      lines: ['text, json, sarif (SARIF 2.1.0, for code scanning) or gitlab', '(a GitLab Code Quality report)'],
      showDefault: true,
    },
  },
  ...reportTargetOptions(OUTPUT),
});

export type MpuCheckOptions = ParsedOptions<typeof MPU_CHECK_OPTIONS>;
