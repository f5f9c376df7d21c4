import { ExitCode } from '../exit-code';

/** What decides the exit code once the report is written. */
export interface RunOutcome {
  /** Orphaned bytes found; null when they were not read (--summary). */
  readonly bytes: number | null;
  readonly bucketsFailingRule: number;
  /** Why the report or the clean-up is incomplete; undefined when it is complete. */
  readonly incomplete?: string;
}

/** The flags that turn findings into a failure. */
export interface FailOn {
  readonly failOnBytes?: number;
  readonly failOnMissingRule: boolean;
}

/**
 * The exit code of a run, with the one line that explains it on stderr: a crossed threshold first,
 * then an incomplete run. `where` places the figures, e.g. " across the organization".
 */
export function exitCodeOf(command: string, outcome: RunOutcome, failOn: FailOn, stderr: (text: string) => void, where = ''): ExitCode {
  if (failOn.failOnBytes !== undefined && outcome.bytes !== null && outcome.bytes > failOn.failOnBytes) {
    stderr(`${command}: ${outcome.bytes} orphaned bytes${where} exceed --fail-on-bytes ${failOn.failOnBytes}\n`);
    return ExitCode.THRESHOLD_CROSSED;
  }
  if (failOn.failOnMissingRule && outcome.bucketsFailingRule > 0) {
    stderr(`${command}: ${outcome.bucketsFailingRule} bucket(s)${where} do not abort incomplete uploads in time (--fail-on-missing-rule)\n`);
    return ExitCode.THRESHOLD_CROSSED;
  }
  if (outcome.incomplete !== undefined) {
    stderr(`${command}: incomplete: ${outcome.incomplete}\n`);
    return ExitCode.INCOMPLETE;
  }
  return ExitCode.OK;
}
