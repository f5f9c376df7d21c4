import { CliIo } from './cli-io';
import { UsageError } from './options/usage-error';
import { describeError } from '../audit/errors';

/** What to tell the user when the file cannot be read, or is not JSON. */
export interface JsonFileFixes {
  readonly unreadable?: string;
  readonly notJson?: string;
}

/**
 * The parsed JSON of the file a flag names (`source`: `--price-table prices.json`); a file that
 * cannot be read, or is not JSON, is a UsageError naming it, with the fix when one is given.
 */
export function readJsonFile(io: CliIo, source: string, path: string, fixes: JsonFileFixes = {}): unknown {
  const withFix = (message: string, fix: string | undefined) => new UsageError(fix === undefined ? message : `${message}: ${fix}`);
  let text: string;
  try {
    text = io.readFile(path);
  } catch (error) {
    throw withFix(`${source} cannot be read: ${describeError(error)}`, fixes.unreadable);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw withFix(`${source} is not valid JSON: ${(error as Error).message}`, fixes.notJson);
  }
}
