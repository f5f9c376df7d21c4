import { join, normalize } from 'node:path';
import { InputError } from '../check-result';
import { INPUT_LIMITS } from '../input-limits';
import { InputTree, isAbsent } from '../input-tree';
import { EvaluationBudgetExceeded, HclEvaluator } from './hcl-expression';
import { HclParser } from './hcl-syntax';
import { BlockInstance, ModuleEvaluation, ModuleTree } from './module-evaluation';
import { ModuleSource, readTerraformModule, TerraformBlock, TerraformModule } from './terraform-module';
import { isUnknown, TerraformValue } from './terraform-value';

/** One instance of a resource block, its arguments evaluated. */
export interface EvaluatedResource {
  readonly block: TerraformBlock;
  readonly type: string;
  /** The block's address as written, module calls included: `module.logs.aws_s3_bucket.this`. */
  readonly writtenAddress: string;
  /** The block's address in its module instance, as references name it: `module.logs["a"].aws_s3_bucket.this`. */
  readonly blockAddress: string;
  /** The instance, as Terraform prints it: `module.logs["a"].aws_s3_bucket.this[0]`. */
  readonly instanceAddress: string;
  readonly instance: BlockInstance;
  /** True when the block has count or for_each. */
  readonly keyed: boolean;
  readonly body: Record<string, TerraformValue>;
}

/** A module tree's resources, what could not be read in it, and every module it reached (real paths). */
export interface EvaluatedTree {
  readonly resources: EvaluatedResource[];
  readonly problems: InputError[];
  readonly reached: ReadonlySet<string>;
}

/** Reads modules from the input tree, each once per run, and evaluates module trees. */
export class TerraformModules {
  private readonly read = new Map<string, Promise<TerraformModule | InputError[]>>();
  private readonly evaluator: HclEvaluator;
  private readonly source: ModuleSource;

  constructor(tree: InputTree, parser: HclParser, maxBytes: ModuleSource['maxBytes']) {
    this.evaluator = new HclEvaluator(parser);
    this.source = { tree, parser, maxBytes, left: { bytes: INPUT_LIMITS.terraformBytesPerRun } };
  }

  /** Why `directory` is not a module that may be read, or undefined when it is one. */
  whyNotModule(directory: string): string | undefined {
    const visit = this.source.tree.visit(directory);
    if (visit.kind === 'directory') return undefined;
    return visit.kind !== 'refused' ? 'is not a directory' : isAbsent(visit) ? 'is missing' : visit.why;
  }

  /** The module in `directory`, or why it cannot be read. */
  module(directory: string): Promise<TerraformModule | InputError[]> {
    const visit = this.source.tree.visit(directory);
    if (visit.kind !== 'directory') {
      return Promise.resolve([{ file: directory, line: null, message: this.whyNotModule(directory)! }]);
    }
    let module = this.read.get(visit.realPath);
    if (module === undefined) {
      module = readTerraformModule(normalize(directory), visit.realPath, this.source);
      this.read.set(visit.realPath, module);
    }
    return module;
  }

  /** The real paths of the directories a module calls with a local `source` (`./modules/bucket`). */
  localSources(module: TerraformModule): string[] {
    return module.moduleCalls.flatMap((call) => {
      const source = localSourceOf(call, module);
      const visit = source === undefined ? undefined : this.source.tree.visit(source);
      return visit?.kind === 'directory' ? [visit.realPath] : [];
    });
  }

  /**
   * Every instance of the resources of `types` in the root module and the modules it calls
   * with a local source; what cannot be read is a problem of its own. A tree whose expressions
   * take more than INPUT_LIMITS.evaluationSteps is not judged.
   */
  async evaluateTree(root: TerraformModule, types: readonly string[]): Promise<EvaluatedTree> {
    const walk = new TreeWalk(this, types);
    this.evaluator.startBudget(INPUT_LIMITS.evaluationSteps);
    try {
      await walk.visit(new ModuleEvaluation(root, { root: true }, { prefix: '', written: '' }, this.evaluator, walk));
    } catch (error) {
      if (!(error instanceof EvaluationBudgetExceeded)) throw error;
      const message = `evaluating the expressions of this module tree takes more than ${INPUT_LIMITS.evaluationSteps.toLocaleString('en-US')} steps: not judged`;
      return { resources: [], problems: [...walk.problems, { file: root.directory, line: null, message }], reached: walk.reached };
    }
    return { resources: walk.resources, problems: walk.problems, reached: walk.reached };
  }

}

/**
 * One walk down a module tree: modules are followed to a bounded depth and number, never round a
 * cycle. Each module instance is the one whose outputs the expressions of its caller read.
 */
class TreeWalk implements ModuleTree {
  readonly resources: EvaluatedResource[] = [];
  readonly problems: InputError[] = [];
  readonly reached = new Set<string>();
  private moduleInstances = 0;
  private instancesExhausted = false;

  constructor(private readonly modules: TerraformModules, private readonly types: readonly string[]) {}

  async visit(evaluation: ModuleEvaluation): Promise<void> {
    const { module, place } = evaluation;
    this.reached.add(module.realPath);
    for (const block of module.resources.filter(candidate => this.types.includes(candidate.type ?? ''))) {
      const keyed = block.body.count !== undefined || block.body.for_each !== undefined;
      for (const instance of await evaluation.instancesOf(block)) {
        this.resources.push({
          block,
          type: block.type!,
          writtenAddress: `${place.written}${block.type}.${block.name}`,
          blockAddress: `${place.prefix}${block.type}.${block.name}`,
          instanceAddress: `${place.prefix}${block.type}.${block.name}${instance.keyText}`,
          instance,
          keyed,
          body: await evaluation.evaluateBody(block.body, instance.scope),
        });
      }
    }
    // Two calls of one name are one call, its first block's: Terraform refuses the configuration, and its instances are visited once.
    for (const name of new Set(module.moduleCalls.map(call => call.name))) {
      const called = await evaluation.calledInstances(name, undefined);
      if (called === undefined || isUnknown(called)) continue;
      for (const instance of called.instances) await this.visit(instance.outputs);
    }
  }

  /** The module a call's local source names, when it is one to follow; else why not, and a problem at the call when it is one. */
  async calledModule(caller: ModuleEvaluation, call: TerraformBlock): Promise<TerraformModule | string> {
    const problem = (message: string) => {
      this.problems.push({ file: call.file, line: call.line, message: `module ${call.name}: ${message}` });
      return `is not read: ${message}`;
    };
    if (typeof call.body.source === 'string' && call.body.source.includes('${')) {
      return problem('its source is an expression, which Terraform refuses (a source is a literal string): not followed');
    }
    const directory = localSourceOf(call, caller.module);
    if (directory === undefined) return 'is not read: its source is not a local directory';
    const chain = callersOf(caller);
    if (chain.length > INPUT_LIMITS.nestingOfStacksAndModules) {
      return problem(`modules call each other more than ${INPUT_LIMITS.nestingOfStacksAndModules} deep: not followed`);
    }
    const whyNot = this.modules.whyNotModule(directory);
    if (whyNot !== undefined) return problem(`its source ${directory} ${whyNot}`);
    const child = await this.modules.module(directory);
    if (Array.isArray(child)) {
      this.problems.push(...child);
      return `is not read: its source ${directory} has errors`;
    }
    const loop = chain.findIndex(module => module.realPath === child.realPath);
    if (loop >= 0) {
      const cycle = [...chain.slice(loop).map(module => module.directory), child.directory].join(' -> ');
      return problem(`modules call each other in a cycle (${cycle}), which Terraform refuses: not followed`);
    }
    return child;
  }

  /** Counts one more module instance; false once the tree has more than it may. */
  countInstance(caller: ModuleEvaluation, call: TerraformBlock): boolean {
    if (this.instancesExhausted) return false;
    if (++this.moduleInstances <= INPUT_LIMITS.moduleInstancesPerTree) return true;
    this.instancesExhausted = true;
    this.problems.push({
      file: call.file,
      line: call.line,
      message: `module ${call.name}: the tree of ${callersOf(caller)[0].directory} has more than ${INPUT_LIMITS.moduleInstancesPerTree} module instances: this one and the rest are not evaluated`,
    });
    return false;
  }
}

/** The modules of the calls that lead to a module instance, the root first and the instance's own last. */
function callersOf(evaluation: ModuleEvaluation): TerraformModule[] {
  const modules: TerraformModule[] = [];
  for (let at: ModuleEvaluation | undefined = evaluation; at !== undefined; at = at.place.parent) modules.unshift(at.module);
  return modules;
}

/**
 * The directory a module call's local `source` names, as written from the caller's directory.
 * Terraform takes only a literal string there ("Variables not allowed"), so nothing is evaluated.
 */
function localSourceOf(call: TerraformBlock, caller: TerraformModule): string | undefined {
  const source = call.body.source;
  if (typeof source !== 'string' || source.includes('${') || !/^\.\.?[/\\]/.test(source)) return undefined;
  return normalize(join(caller.directory, source));
}
