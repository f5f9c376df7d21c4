/** What a CLI run in its own process left behind: its exit code and its two streams. */
export interface CliRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}
