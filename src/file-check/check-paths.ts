import { checkCloudAssembly } from './check-cloud-assembly';
import { CheckFs, nodeCheckFs } from './check-fs';
import { CheckInput } from './check-input';
import { CheckOptions, RunOptions, runOptionsOf } from './check-options';
import { CheckResult } from './check-result';
import { TemplateCheck } from './check-template';
import { judgeProblem } from './input-problems';
import { InputReader } from './input-reader';
import { InputReferences } from './input-references';
import { InputSearch } from './input-search';
import { InputTree } from './input-tree';
import { ResultCollector } from './result-collector';
import { TerraformModuleChecks } from './terraform/check-terraform-modules';
import { judgeTerraformSubjects } from './terraform/judge-terraform';
import { terraformPlanSubjects } from './terraform/terraform-plan';

/**
 * Checks every CloudFormation or SAM template, cloud assembly and Terraform module or plan in
 * `paths` (files, or directories searched recursively), recognised by content: every bucket is
 * judged by the one lifecycle evaluator. Only regular files inside the root are read; a file that
 * cannot be read or judged is an error of its own, and the rest are checked.
 */
export async function checkPaths(paths: readonly string[], options: CheckOptions = {}, fs: CheckFs = nodeCheckFs()): Promise<CheckResult> {
  const tree = InputTree.forRun(fs, { root: options.root, paths });
  const run = new CheckRun(tree, runOptionsOf(options));
  for (const path of paths) run.checkPath(path, !options.skipNonTemplates);
  await run.terraformModules.check();
  return run.results.result();
}

/** One run: the search finds the inputs, and hands each to be judged as it is found. */
class CheckRun {
  readonly results = new ResultCollector();
  readonly terraformModules: TerraformModuleChecks;
  private readonly search: InputSearch;
  private readonly references: InputReferences;
  private readonly templates: TemplateCheck;

  constructor(tree: InputTree, private readonly options: RunOptions) {
    const reader = new InputReader(tree, problem => this.results.addError(problem), options.maxFileBytes);
    this.search = new InputSearch(reader, options.maxFileBytes, input => this.judge(input));
    this.references = new InputReferences(reader);
    this.templates = new TemplateCheck(this.results, this.references, options);
    this.terraformModules = new TerraformModuleChecks(tree, this.results, options);
  }

  /** `named`: a file is reported when it is neither a template nor a manifest (a search skips it). */
  checkPath(path: string, named: boolean): void {
    const given = this.search.admitGiven(path);
    if (given === undefined) return;
    const found = () => this.results.filesChecked + this.terraformModules.found;
    const before = { inputs: found(), errors: this.results.errorCount };
    this.search.search(path, given, named);
    if (given.kind === 'directory' && found() === before.inputs && this.results.errorCount === before.errors) {
      this.results.addError({
        file: path,
        line: null,
        message: 'found no CloudFormation or SAM template (.json, .yaml, .yml, .template), cloud assembly, Terraform module (.tf) or plan here',
      });
    }
  }

  private judge(input: CheckInput): void {
    if (input.kind === 'terraform-module') {
      this.terraformModules.add(input);
      return;
    }
    const file = input.kind === 'cloud-assembly' ? input.manifestFile : input.file;
    try {
      if (input.kind === 'template') {
        this.templates.check(input.file, input.realPath, input.text, { depth: 0 });
      } else if (input.kind === 'cloud-assembly') {
        checkCloudAssembly(input, this.references, this.templates, this.results);
      } else {
        this.results.countPlan();
        this.results.addResources(judgeTerraformSubjects(terraformPlanSubjects(input.plan, input.file), this.options));
      }
    } catch (error) {
      this.results.addError({ file, line: null, message: judgeProblem(error) });
    }
  }
}
