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
 * walked once, and a file of a kind mpu-check does not judge is skipped unless it was named. Each
 * input is handed to `found` as soon as it is found, and judged before the search goes on: a
 * template read as a nested one is then not read again, and no input is held once judged.
 */
export class InputSearch {
  private readonly walked = new Set<string>();

  constructor(private readonly reader: InputReader, private readonly maxFileBytes: number, private readonly found: (input: CheckInput) => void) {}

  /** What a path given is, when it may be read; else one error for it. */
  admitGiven(path: string): Admitted | undefined {
    const visit = this.reader.tree.visit(path);
    if (visit.kind !== 'refused') return visit;
    this.reader.report({ file: path, line: null, message: visit.why });
    return undefined;
  }

  /** Finds the inputs at a path given; `named`: a file there is reported when it is of no kind mpu-check judges. */
  search(path: string, given: Admitted, named: boolean): void {
    if (given.kind === 'file') this.searchFile(path, given, named);
    else this.searchDirectory(path, given);
  }

  /** Walks a directory once, however often it is reached (symbolic links, a path given twice). */
  private searchDirectory(directory: string, admitted: Admitted): void {
    if (this.walked.has(admitted.realPath)) return;
    this.walked.add(admitted.realPath);
    const manifestPath = join(directory, 'manifest.json');
    const manifest = this.reader.tree.visit(manifestPath);
    if (manifest.kind === 'file' && this.searchFile(manifestPath, manifest, false)) return;
    let names: string[];
    try {
      names = this.reader.tree.list(directory);
    } catch (error) {
      this.reader.report({ file: directory, line: null, message: readProblem(error) });
      return;
    }
    if (names.some(isTerraformFileName)) this.found({ kind: 'terraform-module', directory, realPath: admitted.realPath });
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
        this.searchDirectory(path, visit);
      } else if (visit.kind === 'file' && readable && !isTerraformFileName(name)) {
        this.searchFile(path, visit, false);
      }
    }
  }

  /**
   * The input a file is: a template, a cloud assembly's manifest, a plan, or the Terraform module
   * of its directory. Returns false for a file of none of these kinds that a search found (it is
   * skipped), true otherwise, its problem reported.
   */
  private searchFile(path: string, file: Admitted, named: boolean): boolean {
    if (isTerraformFileName(path) || /\.tfvars(\.json)?$/.test(path)) {
      // Terraform reads a directory as one module: a file stands for its module.
      const directory = dirname(path);
      const visit = this.reader.tree.visit(directory);
      if (visit.kind === 'directory') this.found({ kind: 'terraform-module', directory, realPath: visit.realPath });
      return true;
    }
    if (!this.reader.firstVisit(file.realPath)) return true;
    const text = this.reader.read(path, file);
    if (text === undefined) return true;
    let recognised;
    try {
      recognised = recogniseInput(path, file.realPath, text, named, this.maxFileBytes);
    } catch (error) {
      this.reader.report({ file: path, line: null, message: judgeProblem(error) });
      return true;
    }
    if (recognised.kind === 'not-an-input') return false;
    if (recognised.kind === 'problem') this.reader.report(recognised.problem);
    else this.found(recognised);
    return true;
  }
}
