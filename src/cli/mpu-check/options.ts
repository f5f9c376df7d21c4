import { MAX_PLAUSIBLE_DAYS } from '../../facts/input-facts';
import { INPUT_LIMITS } from '../../file-check/input-limits';
import { sizeText } from '../../file-check/input-problems';
import { DEFAULT_MAX_DAYS } from '../../policy/evaluate';
import { HELP_OPTIONS } from '../options/help-options';
import { defineOptions, ParsedOptions } from '../options/option-table';
import { reportTargetOptions } from '../options/report-target-options';
import { UsageError } from '../options/usage-error';
import { nonEmpty, oneOf, size, wholeNumber } from '../options/value-parsers';

const CHECK_FORMATS = ['text', 'json', 'sarif', 'gitlab'] as const;
export type CheckFormat = typeof CHECK_FORMATS[number];
const CHECK_LEVELS = ['error', 'warning'] as const;

const RULES = 'Rules';
const INPUT = 'Input';
const OUTPUT = 'Output';

/** The largest --max-file-size: about the longest string JavaScript holds. */
const MAX_FILE_SIZE_CEILING = 512 * 1024 * 1024;

/** A file size for --max-file-size and --max-hcl-size: 1 byte to 512 MiB. */
function fileSize(flag: string, text: string): number {
  const bytes = size(flag, text);
  if (bytes < 1 || bytes > MAX_FILE_SIZE_CEILING) throw new UsageError(`${flag} must be from 1B to 512MiB (got "${text}")`);
  return bytes;
}

/** Every option of mpu-check, in the order of --help. */
export const MPU_CHECK_OPTIONS = defineOptions({
  ...HELP_OPTIONS,
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
    help: { section: INPUT, lines: ['skip a named file that is not a template, as a directory', 'search does (for pre-commit, which names every staged file)'] },
  },
  'root': {
    kind: 'string',
    valueName: 'DIR',
    parse: nonEmpty('give the directory whose files may be read, or drop --root'),
    help: {
      section: INPUT,
      lines: ['read only files inside DIR (symbolic links resolved); default:', 'the current directory and each PATH outside it'],
    },
  },
  'max-file-size': {
    kind: 'string',
    valueName: 'SIZE',
    parse: fileSize,
    default: INPUT_LIMITS.defaultFileBytes,
    help: {
      section: INPUT,
      lines: ['the largest plan, .tf.json file or cdk.out manifest read, like', `64MiB (default ${sizeText(INPUT_LIMITS.defaultFileBytes).replace(' ', '')}; a template is bounded by CloudFormation's 1 MB)`],
    },
  },
  'max-hcl-size': {
    kind: 'string',
    valueName: 'SIZE',
    parse: fileSize,
    default: INPUT_LIMITS.defaultHclBytes,
    help: {
      section: INPUT,
      lines: ['the largest .tf or .tfvars file read, like 2MiB (default', `${sizeText(INPUT_LIMITS.defaultHclBytes).replace(' ', '')}; its parser takes about 150 bytes of memory per byte)`],
    },
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
