/** Everything the CLI needs from the outside world, so that tests can hand in their own. */
export interface CliIo {
  /** May return a promise when the reader is slower than the report: wait for it before writing more. */
  readonly stdout: (text: string) => void | Promise<void>;
  readonly stderr: (text: string) => void;
  /** Progress is drawn only on a terminal. */
  readonly stderrIsTerminal: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly readFile: (path: string) => string;
  /** The text of a file a flag names: only a regular file of at most `maxBytes`, refused otherwise (see regular-file.ts). */
  readonly readRegularFile: (path: string, maxBytes: number) => string;
  /** Writes a new file from the pieces in order; with `overwrite` false it must fail if the file exists. */
  readonly writeFile: (path: string, pieces: Iterable<string>, overwrite: boolean) => void;
  /** Registers a handler for an interrupt (SIGINT or SIGTERM); returns a function that unregisters it. */
  readonly onInterrupt?: (handler: (signal: InterruptSignal) => void) => () => void;
  readonly version: string;
  readonly now?: () => Date;
}

export type InterruptSignal = 'SIGINT' | 'SIGTERM';
