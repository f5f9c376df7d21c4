import { safeLine } from '../file-check/render/safe-text';
import { describeError, redact } from '../s3/errors';

/** The longest message an internal error line quotes. */
const MAX_MESSAGE_LENGTH = 200;

/**
 * The one stderr line of a command line that cannot run (exit 2): no secret of a URL or a
 * signature, and nothing a terminal or a CI log would act on.
 */
export function usageLine(command: string, message: string): string {
  return `${safeLine(`${command}: ${redact(message)}`)}\n`;
}

/**
 * The one stderr line of an error no part of the command expected (exit 70): its message on one
 * line, cut to MAX_MESSAGE_LENGTH, never a stack trace.
 */
export function internalErrorLine(command: string, error: unknown): string {
  const message = describeError(error);
  const cut = message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 3)}...` : message;
  return `${safeLine(`${command}: unexpected error: ${cut}`)}\n`;
}
