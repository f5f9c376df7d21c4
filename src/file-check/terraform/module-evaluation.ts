import { HclEvaluator } from './hcl-expression';
import { CalledModule, HclScope, ModuleOutputs, withNames } from './hcl-scope';
import { LazyValue } from './lazy-value';
import { TerraformBlock, TerraformModule } from './terraform-module';
import { hasKey, instanceKeyText, isObjectValue, isReference, isUnknown, TerraformValue, Unknown } from './terraform-value';
import { typedVariableValue } from './typed-variables';
import { isRecord, setOwn } from '../../policy/fields';
import { INPUT_LIMITS } from '../input-limits';

/** Arguments of every resource and module block that are Terraform's own, not the resource's. */
const META_ARGUMENTS = new Set(['count', 'for_each', 'provider', 'providers', 'depends_on', 'lifecycle', 'provisioner', 'connection', 'source', 'version']);

/** One instance of a block: its key (none without count or for_each) and the scope its arguments are evaluated in. */
export interface BlockInstance {
  readonly key?: TerraformValue;
  /** As Terraform prints it: `[0]`, `["logs"]`, or `[*]` when count or for_each is not known before apply. */
  readonly keyText: string;
  /** For the `[*]` instance: the count or for_each value that is not known. */
  readonly notKnown?: Unknown;
  readonly scope: HclScope;
}

/**
 * Where a module's variables get their values: a root module's defaults and variable files, or a
 * module call's arguments, each evaluated in the calling module instance when first asked for
 * (undefined for an argument the call does not set).
 */
export type ModuleInputs =
  | { readonly root: true }
  | {
    readonly root: false;
    readonly caller: string;
    readonly argument: (name: string, asker: LazyValue<unknown>) => Promise<TerraformValue> | undefined;
  };

/** Where a module instance is in its tree. */
export interface ModulePlace {
  /** Its address, before its resources' (`module.logs["a"].`); '' for the root module. */
  readonly prefix: string;
  /** The same as written, without instance keys (`module.logs.`). */
  readonly written: string;
  /** The module instance that calls it; undefined for the root module. */
  readonly parent?: ModuleEvaluation;
}

/** What a module instance asks of the tree walk, to follow the modules it calls. */
export interface ModuleTree {
  /** The module that `call` of `caller` names with a local source, or why mpu-check does not follow the call. */
  calledModule(caller: ModuleEvaluation, call: TerraformBlock): Promise<TerraformModule | string>;
  /** Counts one more module instance of the tree: false, and the tree says why once, when it has as many as mpu-check evaluates. */
  countInstance(caller: ModuleEvaluation, call: TerraformBlock): boolean;
}

/** The instances of a module call, each a module evaluation of its own. */
export interface CalledInstances extends CalledModule {
  readonly instances: ReadonlyArray<{ readonly key?: TerraformValue; readonly outputs: ModuleEvaluation }>;
}

/**
 * A module instance with its variables, locals and outputs bound, each evaluated once when first
 * asked for: evaluates its blocks' arguments, and makes the instances of the modules it calls.
 */
export class ModuleEvaluation implements ModuleOutputs {
  readonly scope: HclScope;
  private readonly variables = new Map<string, LazyValue<TerraformValue | undefined>>();
  private readonly localValues = new Map<string, LazyValue<TerraformValue>>();
  private readonly keysOfResources = new Map<string, LazyValue<TerraformValue[] | 'single' | undefined>>();
  private readonly outputs = new Map<string, LazyValue<TerraformValue>>();
  private readonly calls = new Map<string, LazyValue<CalledInstances | Unknown | undefined>>();

  constructor(
    readonly module: TerraformModule,
    private readonly inputs: ModuleInputs,
    readonly place: ModulePlace,
    private readonly evaluator: HclEvaluator,
    /** Without a tree, the outputs of called modules are not known. */
    private readonly tree?: ModuleTree,
  ) {
    this.scope = {
      variable: (name, asker) => this.variable(name, asker),
      local: (name, chain, asker) => this.local(name, chain, asker),
      localChain: [],
      names: new Map(),
      moduleDirectory: module.directory,
      modulePrefix: place.prefix,
      resourceKeys: (typeAndName, chain, asker) => this.resourceKeys(typeAndName, chain, asker),
      resourceChain: [],
      moduleCall: (name, asker) => this.calledInstances(name, asker),
    };
  }

  get outputNames(): readonly string[] {
    return [...this.module.outputs.keys()];
  }

  /** The value of output `name` of this instance, evaluated once, in this instance. */
  output(name: string, asker: LazyValue<unknown> | undefined): Promise<TerraformValue> {
    const lazy = lazyIn(this.outputs, name, () => `${this.place.prefix}output.${name}`);
    return this.evaluator.once(lazy, asker, async () => {
      const block = this.module.outputs.get(name);
      if (block === undefined || !hasKey(block, 'value')) return new Unknown(`output.${name}`, 'Terraform would refuse it: the output has no value');
      return this.evaluator.evaluateValue(block.value, { ...this.scope, inside: lazy });
    }, circle => new Unknown(`${this.place.prefix}output.${name}`, circular(circle)));
  }

  /**
   * The instances of module call `name`, each a module evaluation of its own, made once; an
   * Unknown when the call is not followed; undefined when the module has no such call.
   */
  calledInstances(name: string, asker: LazyValue<unknown> | undefined): Promise<CalledInstances | Unknown | undefined> {
    const lazy = lazyIn(this.calls, name, () => `${this.place.prefix}module.${name}`);
    return this.evaluator.once(lazy, asker, () => this.makeInstances(name, lazy), circle => new Unknown(`module.${name}`, circular(circle)));
  }

  private async makeInstances(name: string, lazy: LazyValue<unknown>): Promise<CalledInstances | Unknown | undefined> {
    const call = this.module.moduleCalls.find(candidate => candidate.name === name);
    if (call === undefined) return undefined;
    const module = this.tree === undefined ? 'it is not followed here' : await this.tree.calledModule(this, call);
    if (typeof module === 'string') return new Unknown(`module.${name}`, `an output of module ${name}, which ${module}`);
    const blockInstances = await this.instancesOf(call, [], lazy);
    const caller = `module ${call.name} (${call.file}:${call.line})`;
    const instances: Array<CalledInstances['instances'][number]> = [];
    for (const instance of blockInstances) {
      if (!this.tree!.countInstance(this, call)) {
        const cut = `the tree has more than ${INPUT_LIMITS.moduleInstancesPerTree} module instances: module ${name} is evaluated only in part`;
        return { ...kindOf(call, blockInstances), instances, cut };
      }
      const argument = (variable: string, asker: LazyValue<unknown>) => (hasKey(call.body, variable) && !META_ARGUMENTS.has(variable)
        ? this.evaluator.evaluateValue(call.body[variable], { ...instance.scope, inside: asker })
        : undefined);
      const place = { prefix: `${this.place.prefix}module.${name}${instance.keyText}.`, written: `${this.place.written}module.${name}.`, parent: this };
      const inputs: ModuleInputs = { root: false, caller, argument };
      instances.push({ key: instance.key, outputs: new ModuleEvaluation(module, inputs, place, this.evaluator, this.tree) });
    }
    return { ...kindOf(call, blockInstances), instances };
  }

  /** The block's instances: one, or one per `count` index or `for_each` key. */
  async instancesOf(block: TerraformBlock, resourceChain: readonly string[] = [], inside?: LazyValue<unknown>): Promise<BlockInstance[]> {
    const scope = { ...this.scope, resourceChain, inside };
    if (block.body.count !== undefined) {
      const count = await this.evaluator.evaluateValue(block.body.count, scope);
      const whyNot = typeof count === 'number' ? countProblem(count) : undefined;
      if (typeof count === 'number' && whyNot === undefined) {
        return Array.from({ length: count }, (_, index) => ({
          key: index, keyText: instanceKeyText(index), scope: withNames(this.scope, { count: { index } }),
        }));
      }
      const notKnown = whyNot === undefined ? unknownOf(count, 'count.index') : new Unknown('count.index', whyNot);
      return [{ keyText: '[*]', notKnown, scope: withNames(this.scope, { count: { index: notKnown } }) }];
    }
    if (block.body.for_each !== undefined) {
      const forEach = await this.evaluator.evaluateValue(block.body.for_each, scope);
      const entries = entriesOf(forEach);
      if (entries === undefined || entries.length > INPUT_LIMITS.instancesPerBlock) {
        const each = entries === undefined ? unknownOf(forEach, 'each') : new Unknown('each', `for_each has ${entries.length} elements, ${TOO_MANY_INSTANCES}`);
        return [{ keyText: '[*]', notKnown: each, scope: withNames(this.scope, { each: { key: each, value: each } }) }];
      }
      return entries.map(([key, value]) => ({ key, keyText: instanceKeyText(key), scope: withNames(this.scope, { each: { key, value } }) }));
    }
    return [{ keyText: '', scope: this.scope }];
  }

  /**
   * A block body's arguments evaluated, `dynamic` blocks expanded into the blocks they make; a
   * dynamic block whose `for_each` is not known leaves an Unknown in place of that block list.
   */
  async evaluateBody(body: Record<string, unknown>, scope: HclScope, nested = false): Promise<Record<string, TerraformValue>> {
    const result: Record<string, TerraformValue> = {};
    for (const [name, value] of Object.entries(body)) {
      if ((!nested && META_ARGUMENTS.has(name)) || name === '//') continue;
      if (name === 'dynamic') {
        await this.expandDynamic(value, scope, result);
        continue;
      }
      // setOwn: an argument named __proto__ is an argument the provider does not have, not the body's prototype.
      if (Array.isArray(value) && value.every(isRecord)) {
        setOwn(result, name, await Promise.all(value.map(block => this.evaluateBody(block as Record<string, unknown>, scope, true))));
      } else if (isRecord(value) && isNestedBlockName(name)) {
        setOwn(result, name, [await this.evaluateBody(value, scope, true)]);
      } else {
        setOwn(result, name, await this.evaluator.evaluateValue(value, scope));
      }
    }
    return result;
  }

  private async expandDynamic(dynamic: unknown, scope: HclScope, into: Record<string, TerraformValue>): Promise<void> {
    for (const [label, specs] of Object.entries(isRecord(dynamic) ? dynamic : {})) {
      for (const spec of [specs].flat().filter(isRecord)) {
        const forEach = await this.evaluator.evaluateValue(spec.for_each, scope);
        const entries = entriesOf(forEach);
        if (entries === undefined) {
          setOwn(into, label, unknownOf(forEach, `the for_each of dynamic "${label}"`));
          continue;
        }
        const iterator = typeof spec.iterator === 'string' ? spec.iterator.replace(/^\$\{|\}$/g, '') : label;
        const content = [spec.content].flat().find(isRecord) ?? {};
        const existing = hasKey(into, label) ? into[label] : undefined;
        if (isUnknown(existing)) continue;
        const blocks: TerraformValue[] = Array.isArray(existing) ? existing : [];
        for (const [key, value] of entries) {
          blocks.push(await this.evaluateBody(content, withNames(scope, { [iterator]: { key, value } }), true));
        }
        setOwn(into, label, blocks);
      }
    }
  }

  private resourceKeys(typeAndName: string, chain: readonly string[], asker: LazyValue<unknown> | undefined): Promise<TerraformValue[] | 'single' | undefined> {
    const block = this.module.resources.find(candidate => `${candidate.type}.${candidate.name}` === typeAndName);
    if (block === undefined) return Promise.resolve(undefined);
    const lazy = lazyIn(this.keysOfResources, typeAndName, () => `${this.place.prefix}${typeAndName}`);
    return this.evaluator.once(lazy, asker, async () => {
      const instances = await this.instancesOf(block, chain, lazy);
      if (instances.length === 1 && instances[0].keyText === '') return 'single';
      return instances.some(instance => instance.key === undefined) ? undefined : instances.map(instance => instance.key!);
    }, () => undefined);
  }

  private local(name: string, chain: readonly string[], asker: LazyValue<unknown> | undefined): Promise<TerraformValue> {
    if (!this.module.locals.has(name)) return Promise.resolve(new Unknown(`local.${name}`, 'no such local value in the module'));
    const lazy = lazyIn(this.localValues, name, () => `${this.place.prefix}local.${name}`);
    // Locals see only the module's variables and other locals, whatever instance asks first.
    const scope = { ...this.scope, localChain: chain, inside: lazy };
    return this.evaluator.once(lazy, asker, () => this.evaluator.evaluateValue(this.module.locals.get(name), scope),
      circle => new Unknown(`local.${name}`, circular(circle)));
  }

  private variable(name: string, asker: LazyValue<unknown> | undefined): Promise<TerraformValue | undefined> {
    const declaration = this.module.variables.get(name);
    if (declaration === undefined) return Promise.resolve(undefined);
    const lazy = lazyIn(this.variables, name, () => `${this.place.prefix}var.${name}`);
    return this.evaluator.once(lazy, asker, async () => {
      const inputs = this.inputs;
      const given = inputs.root ? this.module.variableFiles.get(name) as TerraformValue | undefined : await inputs.argument(name, lazy);
      return typedVariableValue(name, declaration, variableValue(name, declaration, given, inputs), steps => this.evaluator.charge(steps));
    }, circle => new Unknown(`var.${name}`, circular(circle)));
  }
}

/** The lazy value of `name` in `values`, made the first time it is asked for. */
function lazyIn<T>(values: Map<string, LazyValue<T>>, name: string, label: () => string): LazyValue<T> {
  let value = values.get(name);
  if (value === undefined) {
    value = new LazyValue<T>(label());
    values.set(name, value);
  }
  return value;
}

/** Why a value is not known when its evaluation waits for itself: Terraform refuses the configuration. */
function circular(names: readonly string[]): string {
  return `Terraform would refuse it: it depends on itself (${names.join(' -> ')})`;
}

function kindOf(call: TerraformBlock, instances: readonly BlockInstance[]): Pick<CalledModule, 'kind' | 'keysKnown'> {
  const kind = call.body.count !== undefined ? 'count' : call.body.for_each !== undefined ? 'for_each' : 'single';
  return { kind, keysKnown: instances.every(instance => instance.notKnown === undefined) };
}

const TOO_MANY_INSTANCES = `more than the ${INPUT_LIMITS.instancesPerBlock} instances mpu-check judges one by one: judged through one instance whose key is not known`;

/** Why Terraform would not make `count` instances, or why mpu-check judges them through one; undefined when it does neither. */
function countProblem(count: number): string | undefined {
  if (!Number.isInteger(count) || count < 0) return `Terraform would refuse it: count = ${count} is not a whole number >= 0`;
  return count > INPUT_LIMITS.instancesPerBlock ? `count = ${count} is ${TOO_MANY_INSTANCES}` : undefined;
}

/** Blocks a `.tf.json` file may write as one object instead of a list. */
function isNestedBlockName(name: string): boolean {
  return ['rule', 'filter', 'and', 'abort_incomplete_multipart_upload', 'lifecycle_rule', 'expiration', 'transition',
    'noncurrent_version_expiration', 'noncurrent_version_transition'].includes(name);
}

/**
 * A variable's value: the one given (by the caller, or a root module's variable files), else its
 * default, else an Unknown. `nullable = false`: Terraform takes a given null as no value at all.
 */
function variableValue(name: string, declaration: Record<string, unknown>, given: TerraformValue | undefined, inputs: ModuleInputs): TerraformValue {
  if (given !== undefined && !(given === null && declaration.nullable === false)) return given;
  if ('default' in declaration) return declaration.default as TerraformValue;
  return new Unknown(`var.${name}`, inputs.root
    ? 'no default, and no value in terraform.tfvars or *.auto.tfvars'
    : `no default, and ${inputs.caller} does not set it`);
}

/** A for_each value's keys and values: a map's entries, or a set's elements as both. */
function entriesOf(value: TerraformValue): Array<[TerraformValue, TerraformValue]> | undefined {
  if (Array.isArray(value)) return value.some(item => isUnknown(item) || isReference(item)) ? undefined : value.map(item => [item, item]);
  if (isObjectValue(value)) return Object.entries(value);
  return undefined;
}

function unknownOf(value: TerraformValue, what: string): Unknown {
  if (isUnknown(value)) return value;
  return new Unknown(what, isReference(value) ? `it comes from ${value.expression}, known after apply` : 'not a number, map or set');
}
