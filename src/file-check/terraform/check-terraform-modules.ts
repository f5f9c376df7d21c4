import { TerraformModuleInput } from '../check-input';
import { RunOptions } from '../check-options';
import { judgeProblem } from '../input-problems';
import { InputTree } from '../input-tree';
import { ResultCollector } from '../result-collector';
import { loadHclParser } from './hcl-syntax';
import { judgeTerraformSubjects } from './judge-terraform';
import { TerraformModules } from './module-tree';
import { terraformSubjects } from './terraform-buckets';
import { TerraformModule } from './terraform-module';
import { TERRAFORM_BUCKET_TYPES, TERRAFORM_LIFECYCLE_CONFIGURATION_TYPE } from '../../policy/bucket-types';

/**
 * The Terraform modules found, each once by real path, checked once the search is done (the HCL
 * parser is asynchronous): a module that another one found calls with a local source is checked
 * through that call, with the values it passes.
 */
export class TerraformModuleChecks {
  private readonly directories = new Map<string, string>();

  constructor(private readonly tree: InputTree, private readonly results: ResultCollector, private readonly options: RunOptions) {}

  get found(): number {
    return this.directories.size;
  }

  add(input: TerraformModuleInput): void {
    if (!this.directories.has(input.realPath)) this.directories.set(input.realPath, input.directory);
  }

  /** Checks each root module found, with the modules it calls. */
  async check(): Promise<void> {
    if (this.directories.size === 0) return;
    const modules = new TerraformModules(this.tree, loadHclParser(), { json: this.options.maxFileBytes, hcl: this.options.maxHclBytes });
    const read: TerraformModule[] = [];
    for (const directory of this.directories.values()) {
      const module = await modules.module(directory);
      if (Array.isArray(module)) this.results.addErrors(module);
      else read.push(module);
    }
    const called = new Set<string>();
    for (const module of read) {
      for (const source of modules.localSources(module)) called.add(source);
    }
    const reached = new Set<string>();
    for (const root of read.filter(module => !called.has(module.realPath))) await this.checkTree(modules, root, reached);
    // Modules that only call each other in a cycle are no one's callee: each cycle is checked from its first module, which reports it.
    for (const module of read) {
      if (!reached.has(module.realPath)) await this.checkTree(modules, module, reached);
    }
  }

  private async checkTree(modules: TerraformModules, root: TerraformModule, reached: Set<string>): Promise<void> {
    this.results.countTerraformModule();
    try {
      const tree = await modules.evaluateTree(root, [...TERRAFORM_BUCKET_TYPES, TERRAFORM_LIFECYCLE_CONFIGURATION_TYPE]);
      tree.reached.forEach(realPath => reached.add(realPath));
      this.results.addErrors(tree.problems);
      this.results.addResources(judgeTerraformSubjects(terraformSubjects(tree.resources), this.options));
    } catch (error) {
      reached.add(root.realPath);
      this.results.addError({ file: root.directory, line: null, message: judgeProblem(error) });
    }
  }
}
