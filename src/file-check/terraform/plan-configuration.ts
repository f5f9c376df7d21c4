import { ModuleStep, moduleSteps } from './plan-addresses';
import { listOf, PlannedResource } from './plan-resources';
import { isRecord } from '../../policy/fields';

type Json = Record<string, unknown>;

/**
 * The `configuration` part of a plan: each module's resources, calls and outputs as written,
 * with the references of every expression. It has one entry per module call, not per instance.
 */
export class PlanConfiguration {
  private readonly root: Json | undefined;

  constructor(plan: unknown) {
    const configuration = isRecord(plan) ? plan.configuration : undefined;
    this.root = isRecord(configuration) && isRecord(configuration.root_module) ? configuration.root_module : undefined;
  }

  /** The resource block a planned instance comes from. */
  resourceOf(resource: PlannedResource): Json | undefined {
    return this.resourceIn(resource.moduleAddress, resource.mode, resource.type, resource.name);
  }

  resourceIn(moduleAddress: string, mode: string, type: string, name: string): Json | undefined {
    const resources = listOf(this.moduleAt(moduleSteps(moduleAddress))?.resources);
    return resources.filter(isRecord).find(block => block.type === type && block.name === name && (block.mode ?? 'managed') === mode);
  }

  /** The `module` block that calls the last step of `moduleAddress`, in its parent. */
  callOf(moduleAddress: string): Json | undefined {
    const steps = moduleSteps(moduleAddress);
    const call = steps.pop();
    if (call === undefined) return undefined;
    const calls = this.moduleAt(steps)?.module_calls;
    const block = isRecord(calls) ? calls[call.name] : undefined;
    return isRecord(block) ? block : undefined;
  }

  /** The expression of output `name` of the module at `moduleAddress`. */
  outputOf(moduleAddress: string, name: string): unknown {
    const outputs = this.moduleAt(moduleSteps(moduleAddress))?.outputs;
    const output = isRecord(outputs) ? outputs[name] : undefined;
    return isRecord(output) ? output.expression : undefined;
  }

  private moduleAt(steps: readonly ModuleStep[]): Json | undefined {
    let module = this.root;
    for (const step of steps) {
      const calls = module?.module_calls;
      const call = isRecord(calls) ? calls[step.name] : undefined;
      module = isRecord(call) && isRecord(call.module) ? call.module : undefined;
    }
    return module;
  }
}

/** The references an expression of the configuration makes (`["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"]`). */
export function referencesOf(expression: unknown): string[] {
  return isRecord(expression) ? listOf(expression.references).filter((ref): ref is string => typeof ref === 'string') : [];
}

/**
 * The references that name something, without the shorter forms Terraform adds of each
 * (`aws_s3_bucket.logs` after `aws_s3_bucket.logs.id`).
 */
export function longestReferences(references: readonly string[]): string[] {
  // Each reference's shorter forms, up to each `.` or `[` in it: one pass, where comparing each
  // reference with every other took a minute on the 30,000 references of one expression.
  const extended = new Set<string>();
  for (const ref of references) {
    for (let at = ref.search(/[.[]/); at >= 0; at = nextSeparator(ref, at + 1)) extended.add(ref.slice(0, at));
  }
  return references.filter(ref => !extended.has(ref));
}

function nextSeparator(text: string, from: number): number {
  const dot = text.indexOf('.', from);
  const bracket = text.indexOf('[', from);
  return dot < 0 ? bracket : bracket < 0 ? dot : Math.min(dot, bracket);
}

/** The expression at a path of nested blocks and attributes (`rule`, 0, `filter`) of a resource's expressions. */
export function expressionAt(expressions: unknown, path: ReadonlyArray<string | number>): unknown {
  let at = expressions;
  for (const step of path) {
    if (typeof step === 'number') at = Array.isArray(at) ? at[step] : undefined;
    else at = isRecord(at) ? at[step] : undefined;
  }
  return at;
}
