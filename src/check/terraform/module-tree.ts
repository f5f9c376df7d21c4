import { join, normalize } from 'node:path';
import { CheckFs } from '../check-fs';
import { InputError } from '../check-result';
import { HclEvaluator } from './hcl-expression';
import { HclParser } from './hcl-syntax';
import { BlockInstance, ModuleEvaluation, ModuleInputs } from './module-evaluation';
import { readTerraformModule, TerraformBlock, TerraformModule } from './terraform-module';
import { TerraformValue } from './terraform-value';

/** How deep module calls are followed: deeper is a module calling itself. */
const MAX_MODULE_DEPTH = 16;

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

/** Reads modules from a file system, each once per run, and evaluates module trees. */
export class TerraformModules {
  private readonly read = new Map<string, Promise<TerraformModule | InputError[]>>();
  private readonly evaluator: HclEvaluator;

  constructor(private readonly fs: CheckFs, private readonly parser: HclParser) {
    this.evaluator = new HclEvaluator(parser);
  }

  module(directory: string): Promise<TerraformModule | InputError[]> {
    const key = normalize(directory);
    let module = this.read.get(key);
    if (module === undefined) {
      module = readTerraformModule(key, this.fs, this.parser);
      this.read.set(key, module);
    }
    return module;
  }

  /** The directories a module calls with a local `source` (`./modules/bucket`). */
  async localSources(module: TerraformModule): Promise<string[]> {
    const evaluation = new ModuleEvaluation(module, { root: true }, '', this.evaluator);
    const sources = await Promise.all(module.moduleCalls.map(call => this.localSourceOf(call, evaluation)));
    return sources.filter((source): source is string => source !== undefined);
  }

  /**
   * Every instance of the resources of `types` in the root module and the modules it calls
   * with a local source; what cannot be read is a problem of its own.
   */
  async evaluateTree(root: TerraformModule, types: readonly string[]): Promise<{ resources: EvaluatedResource[]; problems: InputError[] }> {
    const resources: EvaluatedResource[] = [];
    const problems: InputError[] = [];
    const visit = async (module: TerraformModule, inputs: ModuleInputs, written: string, prefix: string, depth: number) => {
      const evaluation = new ModuleEvaluation(module, inputs, prefix, this.evaluator);
      for (const block of module.resources.filter(candidate => types.includes(candidate.type ?? ''))) {
        const keyed = block.body.count !== undefined || block.body.for_each !== undefined;
        for (const instance of await evaluation.instancesOf(block)) {
          resources.push({
            block,
            type: block.type!,
            writtenAddress: `${written}${block.type}.${block.name}`,
            blockAddress: `${prefix}${block.type}.${block.name}`,
            instanceAddress: `${prefix}${block.type}.${block.name}${instance.keyText}`,
            instance,
            keyed,
            body: await evaluation.evaluateBody(block.body, instance.scope),
          });
        }
      }
      for (const call of module.moduleCalls) {
        const directory = await this.localSourceOf(call, evaluation);
        if (directory === undefined) continue;
        if (depth >= MAX_MODULE_DEPTH) {
          problems.push({ file: call.file, line: call.line, message: `module ${call.name}: modules call each other more than ${MAX_MODULE_DEPTH} deep; not followed` });
          continue;
        }
        if (this.fs.kind(directory) !== 'directory') {
          problems.push({ file: call.file, line: call.line, message: `module ${call.name}: its source is not a directory: ${directory}` });
          continue;
        }
        const child = await this.module(directory);
        if (Array.isArray(child)) {
          problems.push(...child);
          continue;
        }
        for (const instance of await evaluation.instancesOf(call)) {
          const values = new Map(Object.entries(await evaluation.evaluateBody(call.body, instance.scope)));
          const caller = `module ${call.name} (${call.file}:${call.line})`;
          await visit(child, { root: false, caller, values }, `${written}module.${call.name}.`, `${prefix}module.${call.name}${instance.keyText}.`, depth + 1);
        }
      }
    };
    await visit(root, { root: true }, '', '', 0);
    return { resources, problems };
  }

  private async localSourceOf(call: TerraformBlock, evaluation: ModuleEvaluation): Promise<string | undefined> {
    const source = await this.evaluator.evaluateValue(call.body.source, evaluation.scope);
    if (typeof source !== 'string' || !/^\.\.?[/\\]/.test(source)) return undefined;
    return normalize(join(evaluation.module.directory, source));
  }
}
