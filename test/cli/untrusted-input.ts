import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliRun } from './cli-run';

/** A URL's password, or what a hostile file holds: no output of a bin may ever show it. */
export const SECRET = 'hunter2-SECRET-7f3a9c';

/** Keys that sign well enough to reach a server; no server of these tests checks them. */
export const SOME_KEYS = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'not-checked-by-anyone', AWS_REGION: 'us-east-1' };

/** How long a bin may take to refuse an input or heed a signal: one that waits on a FIFO would take for ever. */
export const PROMPTLY_MS = 15_000;

/** A new directory for a test file's hostile inputs: the path of `name` in it. */
export function scratchDirectory(prefix: string): (name: string) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return name => join(dir, name);
}

/** The run of `command` ended with `exitCode` and one line on stderr (`line` after `command: `, or matching), no secret, no stack. */
export function expectOneLine(command: string, run: CliRun, exitCode: number, line: string | RegExp): void {
  expect(run.exitCode).toBe(exitCode);
  expect(run.stdout).toBe('');
  if (typeof line === 'string') expect(run.stderr).toBe(`${command}: ${line}\n`);
  else expect(run.stderr).toMatch(line);
  expect(run.stderr).not.toContain(SECRET);
  expect(run.stderr).not.toMatch(/ {4}at |unexpected error/);
}
