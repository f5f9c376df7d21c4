import { CliIo } from './cli-io';
import { jsonSyntaxProblem } from './json-syntax-problem';
import { UsageError } from './options/usage-error';
import { RefusedFileError, TooLargeFileError } from './regular-file';
import { describeError } from '../s3/errors';

/** What a flag's file may be, and what to tell the user when it is not. */
export interface JsonFileSpec {
  /** The most bytes read: a larger file is refused before it is read. */
  readonly maxBytes: number;
  /** What to give instead of a file that cannot be read, or is not a regular file. */
  readonly unreadable?: string;
  /** What to give instead of a file over maxBytes. */
  readonly tooLarge?: string;
  /** What to give instead of a file that is not JSON. */
  readonly notJson?: string;
}

/**
 * The parsed JSON of the file a flag names (`source`: `--price-table prices.json`). Only a regular
 * file of at most `spec.maxBytes` is read (regular-file.ts); anything else, or a file that is not
 * JSON, is a UsageError naming it, with the fix when one is given. No message quotes the file:
 * a syntax error gives its line and column.
 */
export function readJsonFile(io: CliIo, source: string, path: string, spec: JsonFileSpec): unknown {
  const withFix = (message: string, fix: string | undefined) => new UsageError(fix === undefined ? message : `${message}: ${fix}`);
  let text: string;
  try {
    text = io.readRegularFile(path, spec.maxBytes);
  } catch (error) {
    if (error instanceof TooLargeFileError) throw withFix(`${source} ${error.what}`, spec.tooLarge);
    if (error instanceof RefusedFileError) throw withFix(`${source} ${error.what}`, error.fix ?? spec.unreadable);
    throw withFix(`${source} cannot be read: ${describeError(error)}`, spec.unreadable);
  }
  try {
    return JSON.parse(text);
  } catch {
    // Node's message quotes the text; say where it breaks instead.
    const problem = jsonSyntaxProblem(text);
    const where = problem === undefined ? '' : `: ${problem.problem} at line ${problem.line}, column ${problem.column}`;
    throw withFix(`${source} is not valid JSON${where}`, spec.notJson);
  }
}
