/**
 * The exit codes of mpu-check, mpu-audit and mpu-upload: one table, from which come each command's
 * --help and docs/exit-codes.md (a test holds the file to it). A code means one thing to each
 * command that uses it; a code a command does not list, it never exits with.
 */

/** The commands this table speaks for. */
export const COMMAND_NAMES = ['mpu-check', 'mpu-audit', 'mpu-upload'] as const;
export type CommandName = typeof COMMAND_NAMES[number];

/** Each exit code by what the code that returns it means by it. */
export const ExitCode = {
  OK: 0,
  /** mpu-check: findings; mpu-audit: a --fail-on-* threshold was crossed. */
  THRESHOLD_CROSSED: 1,
  /** mpu-upload: the upload failed, was aborted, and nothing of it is left. */
  UPLOAD_FAILED: 1,
  USAGE: 2,
  /** mpu-audit: the report or the clean-up is incomplete. */
  INCOMPLETE: 3,
  /** mpu-upload: the upload failed, or an older one was found, and its parts could not all be aborted. */
  PARTS_LEFT: 3,
  /**
   * A bug: an error no part of the command expected. Nothing is known of what the run did, so the
   * code is one no command uses for an outcome (70 is EX_SOFTWARE, "internal software error", in sysexits.h).
   */
  INTERNAL: 70,
  /** 128 + the signal's number, as shells report it. */
  SIGINT: 130,
  SIGTERM: 143,
} as const;
export type ExitCode = typeof ExitCode[keyof typeof ExitCode];

/** One code, and what it means to each command that exits with it. */
export interface ExitCodeRow {
  readonly code: ExitCode;
  readonly meanings: Readonly<Partial<Record<CommandName, string>>>;
}

const INTERNAL_MEANING = 'internal error (a bug): what the run did is not known';

export const EXIT_CODES: readonly ExitCodeRow[] = [
  {
    code: ExitCode.OK,
    meanings: { 'mpu-check': 'no unacknowledged finding at error level', 'mpu-audit': 'done', 'mpu-upload': 'uploaded, or already in place' },
  },
  {
    code: ExitCode.THRESHOLD_CROSSED,
    meanings: { 'mpu-check': 'findings', 'mpu-audit': 'a --fail-on-* threshold was crossed', 'mpu-upload': 'the upload failed and was aborted' },
  },
  {
    code: ExitCode.USAGE,
    meanings: {
      'mpu-check': 'usage error, or an input that could not be read (unless --keep-going)',
      'mpu-audit': 'usage error',
      'mpu-upload': 'usage error',
    },
  },
  {
    code: ExitCode.INCOMPLETE,
    meanings: {
      'mpu-audit': 'the report or a clean-up is incomplete because some buckets or uploads failed',
      'mpu-upload': 'the upload failed and parts could not be aborted (the line says how to abort them)',
    },
  },
  { code: ExitCode.INTERNAL, meanings: { 'mpu-check': INTERNAL_MEANING, 'mpu-audit': INTERNAL_MEANING, 'mpu-upload': INTERNAL_MEANING } },
  { code: ExitCode.SIGINT, meanings: { 'mpu-upload': 'interrupted by SIGINT' } },
  { code: ExitCode.SIGTERM, meanings: { 'mpu-upload': 'interrupted by SIGTERM' } },
];

/** The codes `command` exits with, in order, each with its meaning to that command. */
export function exitCodesOf(command: CommandName): Array<{ readonly code: ExitCode; readonly meaning: string }> {
  return EXIT_CODES.flatMap(row => {
    const meaning = row.meanings[command];
    return meaning === undefined ? [] : [{ code: row.code, meaning }];
  });
}
