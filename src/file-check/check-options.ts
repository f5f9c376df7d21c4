import { INPUT_LIMITS } from './input-limits';
import { JudgeOptions } from './judge-template';
import { DEFAULT_MAX_DAYS, requireWholeDays } from '../policy/evaluate';

export interface CheckOptions {
  /**
   * The latest `DaysAfterInitiation` that counts as in time.
   * @default 7
   */
  readonly maxDays?: number;
  /**
   * How unacknowledged findings are reported; unresolved ones are always warnings.
   * @default 'error'
   */
  readonly level?: 'error' | 'warning';
  /**
   * Skip a file given in `paths` that is not a template nor a cloud assembly manifest, as a
   * directory search skips it, instead of reporting it as an error: for callers that pass every
   * file of a kind (pre-commit passes each staged `.json` and `.yaml`, package.json included).
   * @default false
   */
  readonly skipNonTemplates?: boolean;
  /**
   * The one directory whose files may be read: a nested template, cloud assembly file, Terraform
   * module or symbolic link that leads outside it is an error, and is not opened.
   * @default - the current directory, and each path given that lies outside it
   */
  readonly root?: string;
  /**
   * The largest Terraform file, plan or cloud assembly manifest read, in bytes (a template is
   * bounded by CloudFormation's own 1,000,000 bytes).
   * @default 16777216 (16 MiB)
   */
  readonly maxFileBytes?: number;
  /**
   * The largest Terraform file in HCL's native syntax (`.tf`, `.tfvars`) read, in bytes: its parser
   * needs far more memory per byte than JSON's.
   * @default 262144 (256 KiB)
   */
  readonly maxHclBytes?: number;
}

/** The options of one run, defaults applied: how buckets are judged, and how large a file is read. */
export interface RunOptions extends JudgeOptions {
  readonly maxFileBytes: number;
  readonly maxHclBytes: number;
}

/** The options with their defaults; a `maxDays` that is not a whole number of days throws. */
export function runOptionsOf(options: CheckOptions): RunOptions {
  return {
    maxDays: requireWholeDays('maxDays', options.maxDays ?? DEFAULT_MAX_DAYS),
    level: options.level ?? 'error',
    maxFileBytes: options.maxFileBytes ?? INPUT_LIMITS.defaultFileBytes,
    maxHclBytes: options.maxHclBytes ?? INPUT_LIMITS.defaultHclBytes,
  };
}
