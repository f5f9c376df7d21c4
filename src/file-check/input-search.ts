import { dirname, extname, join } from 'node:path';
import { CheckInput } from './check-input';
import { judgeProblem, readProblem } from './input-problems';
import { InputReader } from './input-reader';
import { recogniseInput } from './input-recognition';
import { Admitted } from './input-tree';
import { isTerraformFileName } from './terraform/terraform-module';

/** The file names a directory search reads; a file named on the command line is read whatever its name. */
const TEMPLATE_EXTENSIONS = new Set(['.json', '.yaml', '.yml', '.template']);
/** Directories a search does not enter: dependencies, and hidden ones (.git, .aws-sam's build copies). */
const SKIPPED_DIRECTORIES = new Set(['node_modules']);

/**
 * Finds the inputs below the paths given: each file given, and the files of each directory given,
 * searched recursively. Only what the input tree admits is read, a directory reached twice is
 * walked once, and a file of a kind mpu-check does not judge is skipped unless it was named. The
 * inputs are yielded as they are found: each is judged before the search goes on, so that a
 * template that was read as a nested one is not read again.
 */
export class InputSearch {
  private readonly walked = new Set<string>();

  constructor(private readonly reader: InputReader, private readonly maxFileBytes: number) {}

  /** What a path given is, when it may be read; else one error for it. */
  admitGiven(path: string): Admitted | undefined {
    const visit = this.reader.tree.visit(path);
    if (visit.kind !== 'refused') return visit;
    this.reader.report({ file: path, line: null, message: visit.why });
    return undefined;
  }

  /** The inputs at a path given; `named`: a file there is reported when it is of no kind mpu-check judges. */
  * inputsAt(path: string, given: Admitted, named: boolean): Generator<CheckInput, void> {
    if (given.kind === 'file') yield* this.fileInputs(path, given, named);
    else yield* this.directoryInputs(path, given);
  }

  /** Walks a directory once, however often it is reached (symbolic links, a path given twice). */
  private* directoryInputs(directory: string, admitted: Admitted): Generator<CheckInput, void> {
    if (this.walked.has(admitted.realPath)) return;
    this.walked.add(admitted.realPath);
    const manifestPath = join(directory, 'manifest.json');
    const manifest = this.reader.tree.visit(manifestPath);
    if (manifest.kind === 'file' && (yield* this.fileInputs(manifestPath, manifest, false))) return;
    let names: string[];
    try {
      names = this.reader.tree.list(directory);
    } catch (error) {
      this.reader.report({ file: directory, line: null, message: readProblem(error) });
      return;
    }
    if (names.some(isTerraformFileName)) yield { kind: 'terraform-module', directory, realPath: admitted.realPath };
    for (const name of names) {
      const path = join(directory, name);
      const readable = TEMPLATE_EXTENSIONS.has(extname(name).toLowerCase()) || isTerraformFileName(name);
      const enters = !name.startsWith('.') && !SKIPPED_DIRECTORIES.has(name);
      if (!readable && !enters) continue;
      const visit = this.reader.tree.visit(path);
      if (visit.kind === 'refused') {
        // Only what the search would have read or entered is worth a word: a FIFO named notes.txt, or a link to a file outside named README.md, is not.
        if (readable || (enters && visit.target === 'directory')) this.reader.report({ file: path, line: null, message: visit.why });
      } else if (visit.kind === 'directory' && enters) {
        yield* this.directoryInputs(path, visit);
      } else if (visit.kind === 'file' && readable && !isTerraformFileName(name)) {
        yield* this.fileInputs(path, visit, false);
      }
    }
  }

  /**
   * The input a file is: a template, a cloud assembly's manifest, a plan, or the Terraform module
   * of its directory. Returns false for a file of none of these kinds that a search found (it is
   * skipped), true otherwise, its problem reported.
   */
  private* fileInputs(path: string, file: Admitted, named: boolean): Generator<CheckInput, boolean> {
    if (isTerraformFileName(path) || /\.tfvars(\.json)?$/.test(path)) {
      // Terraform reads a directory as one module: a file stands for its module.
      const directory = dirname(path);
      const visit = this.reader.tree.visit(directory);
      if (visit.kind === 'directory') yield { kind: 'terraform-module', directory, realPath: visit.realPath };
      return true;
    }
    if (!this.reader.firstVisit(file.realPath)) return true;
    const text = this.reader.read(path, file);
    if (text === undefined) return true;
    let found;
    try {
      found = recogniseInput(path, file.realPath, text, named, this.maxFileBytes);
    } catch (error) {
      this.reader.report({ file: path, line: null, message: judgeProblem(error) });
      return true;
    }
    if (found.kind === 'not-an-input') return false;
    if (found.kind === 'problem') this.reader.report(found.problem);
    else yield found;
    return true;
  }
}
