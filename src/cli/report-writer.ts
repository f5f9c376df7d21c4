import { CliIo } from './cli-io';
import { describeError } from '../s3/errors';

/** Where a report goes: stdout, or a new file (`--output`), replaced only with `--force`. */
export interface ReportTarget {
  readonly output?: string;
  readonly force: boolean;
}

/**
 * Writes the report's pieces in order, waiting for a slow reader of stdout. Returns false after
 * one line on stderr when `--output` could not be written.
 */
export async function writeReport(command: string, io: CliIo, target: ReportTarget, pieces: Iterable<string>): Promise<boolean> {
  try {
    if (target.output === undefined) {
      for (const piece of pieces) await io.stdout(piece);
    } else {
      io.writeFile(target.output, pieces, target.force);
    }
    return true;
  } catch (error) {
    const exists = (error as { code?: string }).code === 'EEXIST';
    io.stderr(`${command}: cannot write --output ${target.output}: ${describeError(error)}${exists ? ' (use --force to overwrite an existing file)' : ''}\n`);
    return false;
  }
}
