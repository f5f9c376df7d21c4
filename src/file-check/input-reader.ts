import { InputError } from './check-result';
import { INPUT_LIMITS } from './input-limits';
import { readProblem, sizeProblem } from './input-problems';
import { Admitted, InputTree, TooLarge } from './input-tree';

/** Where the problems found while reading inputs go: each is an error of its own, and the run goes on. */
export type ReportProblem = (problem: InputError) => void;

/**
 * Reads the files of one run from the input tree: each real path once, however often it is
 * reached, and each file within its size, else one error for the file.
 */
export class InputReader {
  private readonly seen = new Set<string>();

  constructor(readonly tree: InputTree, readonly report: ReportProblem, private readonly maxFileBytes: number) {}

  /** True the first time a real path is asked about: a file reached again is not read again. */
  firstVisit(realPath: string): boolean {
    if (this.seen.has(realPath)) return false;
    this.seen.add(realPath);
    return true;
  }

  /** The file's text, up to `maxBytes`; else one error for the file. */
  read(path: string, file: Admitted, maxBytes = this.maxFileBytes): string | undefined {
    try {
      return this.tree.read(file, maxBytes);
    } catch (error) {
      const message = error instanceof TooLarge
        ? sizeProblem(maxBytes === INPUT_LIMITS.templateBytes ? 'template' : 'file', error.size, this.maxFileBytes)
        : readProblem(error);
      this.report({ file: path, line: null, message });
      return undefined;
    }
  }
}
