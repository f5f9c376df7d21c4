import { HclEvaluator } from './hcl-expression';
import { HclScope, withNames } from './hcl-scope';
import { TerraformBlock, TerraformModule } from './terraform-module';
import { hasKey, instanceKeyText, isObjectValue, isReference, isUnknown, TerraformValue, Unknown } from './terraform-value';
import { TypedVariables } from './typed-variables';
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

/** Where a module's variables get their values: a root module's defaults and variable files, or a module call's arguments. */
export type ModuleInputs =
  | { readonly root: true }
  | { readonly root: false; readonly caller: string; readonly values: ReadonlyMap<string, TerraformValue> };

/** A module with its variables and locals bound: evaluates its blocks' arguments. */
export class ModuleEvaluation {
  readonly scope: HclScope;
  private readonly localValues = new Map<string, Promise<TerraformValue>>();
  private readonly keysOfResources = new Map<string, Promise<TerraformValue[] | 'single' | undefined>>();

  constructor(readonly module: TerraformModule, inputs: ModuleInputs, modulePrefix: string, private readonly evaluator: HclEvaluator) {
    this.scope = {
      variables: new TypedVariables(variablesOf(module, inputs), module.variables, steps => evaluator.charge(steps)),
      local: (name, chain) => this.local(name, chain),
      localChain: [],
      names: new Map(),
      moduleDirectory: module.directory,
      modulePrefix,
      resourceKeys: (typeAndName, chain) => this.resourceKeys(typeAndName, chain),
      resourceChain: [],
    };
  }

  /** The block's instances: one, or one per `count` index or `for_each` key. */
  async instancesOf(block: TerraformBlock, resourceChain: readonly string[] = []): Promise<BlockInstance[]> {
    const scope = { ...this.scope, resourceChain };
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

  /**
   * A module call's arguments, as the values they are: a module block has no nested blocks, so an
   * argument `filter = { ... }` is an object (evaluateBody would read it as a provider's block).
   */
  async evaluateArguments(body: Record<string, unknown>, scope: HclScope): Promise<Map<string, TerraformValue>> {
    const values = new Map<string, TerraformValue>();
    for (const [name, value] of Object.entries(body)) {
      if (!META_ARGUMENTS.has(name) && name !== '//') values.set(name, await this.evaluator.evaluateValue(value, scope));
    }
    return values;
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

  private resourceKeys(typeAndName: string, chain: readonly string[]): Promise<TerraformValue[] | 'single' | undefined> {
    let keys = this.keysOfResources.get(typeAndName);
    if (keys === undefined) {
      const block = this.module.resources.find(candidate => `${candidate.type}.${candidate.name}` === typeAndName);
      keys = block === undefined ? Promise.resolve(undefined) : this.instancesOf(block, chain).then(instances => {
        if (instances.length === 1 && instances[0].keyText === '') return 'single';
        return instances.some(instance => instance.key === undefined) ? undefined : instances.map(instance => instance.key!);
      });
      this.keysOfResources.set(typeAndName, keys);
    }
    return keys;
  }

  private local(name: string, chain: readonly string[]): Promise<TerraformValue> {
    let value = this.localValues.get(name);
    if (value === undefined) {
      if (!this.module.locals.has(name)) return Promise.resolve(new Unknown(`local.${name}`, 'no such local value in the module'));
      // Locals see only the module's variables and other locals, whatever instance asks first.
      value = this.evaluator.evaluateValue(this.module.locals.get(name), { ...this.scope, localChain: chain });
      this.localValues.set(name, value);
    }
    return value;
  }
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

function variablesOf(module: TerraformModule, inputs: ModuleInputs): Map<string, TerraformValue> {
  const variables = new Map<string, TerraformValue>();
  for (const [name, declaration] of module.variables) {
    const given = inputs.root ? module.variableFiles.get(name) : inputs.values.get(name);
    // `nullable = false`: Terraform takes a null as no value at all.
    if (given !== undefined && !(given === null && declaration.nullable === false)) {
      variables.set(name, given as TerraformValue);
    } else if ('default' in declaration) {
      variables.set(name, declaration.default as TerraformValue);
    } else {
      variables.set(name, new Unknown(`var.${name}`, inputs.root
        ? 'no default, and no value in terraform.tfvars or *.auto.tfvars'
        : `no default, and ${inputs.caller} does not set it`));
    }
  }
  return variables;
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
