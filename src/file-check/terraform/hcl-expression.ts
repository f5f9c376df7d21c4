import { BranchOutcome, conditionalResult } from './conditional-result';
import { callFunction, LazyArgument } from './hcl-functions';
import { hclNestingBeyond } from './hcl-nesting';
import { CalledModule, HclScope, withNames } from './hcl-scope';
import { HclExpressionNode, HclParser } from './hcl-syntax';
import { quotedTemplateSource } from './hcl-template-source';
import { isSetValue } from './hcl-unify';
import { LazyValue } from './lazy-value';
import {
  depthOf, EvaluationError, hasKey, isKnown, isObjectValue, isReference, isUnknown, numberOf, primitiveString, Reference, TerraformValue, Unknown,
} from './terraform-value';
import { setOwn } from '../../policy/fields';
import { INPUT_LIMITS } from '../input-limits';

/** Resource type names (`aws_s3_bucket`): a traversal rooted at one is a reference. */
const RESOURCE_TYPE = /^[a-z][a-z0-9]*_[a-z0-9_]+$/;

type Traversal = NonNullable<HclExpressionNode['meta']['traversal']>;

/** The name a splat's element is bound to while its traversal is evaluated: not an identifier, so no name of the input. */
const SPLAT_ELEMENT = '[*]';

/** The roots of traversals whose values come from outside an expression (a `for` expression's own names are not among them). */
const OUTER_ROOTS = new Set(['var', 'local', 'module', 'data', 'each', 'count', 'self']);

/** Thrown when a module tree's expressions take more steps than allowed: not an error of the input Terraform would see. */
export class EvaluationBudgetExceeded extends Error {
  constructor() {
    super('evaluation budget exceeded');
  }
}

/**
 * Evaluates HCL expressions the way `terraform plan` would for what is known before apply:
 * literals, variables, locals, `each`/`count`, operators, conditionals, `for` expressions and the
 * common functions. Anything else is an Unknown naming the expression.
 */
export class HclEvaluator {
  private readonly trees = new Map<string, Promise<HclExpressionNode | Unknown>>();
  private stepsLeft = Infinity;

  constructor(private readonly parser: HclParser) {}

  /** From now on, at most `steps` steps of evaluation, then EvaluationBudgetExceeded. */
  startBudget(steps: number): void {
    this.stepsLeft = steps;
  }

  /**
   * The lazy value, evaluated by `evaluate` unless it is already (being) evaluated; a wait for it
   * that would close a circle is `circular(names)` instead. The search for a circle counts as steps.
   */
  once<T>(
    value: LazyValue<T>, asker: LazyValue<unknown> | undefined, evaluate: () => Promise<T>, circular: (names: readonly string[]) => T,
  ): Promise<T> {
    return value.get(asker, evaluate, circular, steps => this.charge(steps));
  }

  private step(): void {
    this.charge(1);
  }

  /** Takes `steps` steps of the budget, for work done outside the evaluator (converting a value to a type). */
  charge(steps: number): void {
    this.stepsLeft -= steps;
    if (this.stepsLeft < 0) throw new EvaluationBudgetExceeded();
  }

  /** A value as the HCL parser gives it in a block body: `${...}` strings are expressions, the rest literals. */
  async evaluateValue(value: unknown, scope: HclScope): Promise<TerraformValue> {
    this.step();
    if (typeof value === 'string') {
      return /[$%]\{/.test(value) ? this.evaluateSource(quotedTemplateSource(value), scope, value) : value;
    }
    if (Array.isArray(value)) {
      return bounded(await Promise.all(value.map(item => this.evaluateValue(item, scope))), () => shortJson(value));
    }
    if (typeof value === 'object' && value !== null) {
      const result: Record<string, TerraformValue> = {};
      for (const [key, item] of Object.entries(value)) {
        // A key is a template too: `{ (var.name) = 1 }` and `{ "${var.name}" = 1 }` reach here as "${(var.name)}" and "${var.name}".
        const name = /[$%]\{/.test(key) ? await this.evaluateValue(key, scope) : key;
        if (isUnknown(name)) return name;
        if (isReference(name)) return new Unknown(shortJson(value), 'an object key is not known before apply');
        const text = primitiveString(name);
        if (text === undefined) return refused(shortJson(value), 'an object key must be a string');
        setOwn(result, text, await this.evaluateValue(item, scope));
      }
      return bounded(result, () => shortJson(value));
    }
    return value as TerraformValue;
  }

  /** An expression as written in HCL, e.g. `var.days` or `"x/${each.key}"`. */
  async evaluateSource(source: string, scope: HclScope, shown: string = source): Promise<TerraformValue> {
    const tree = await this.treeOf(source, shown);
    if (isUnknown(tree)) return tree;
    try {
      return await this.evaluate(tree, scope);
    } catch (error) {
      if (error instanceof EvaluationError) return new Unknown(innerExpression(shown), `Terraform would refuse it: ${error.message}`);
      throw error;
    }
  }

  /** A part of an expression, from its source: what Terraform would refuse is thrown, for `try()` to catch. */
  private async evaluatePart(source: string, scope: HclScope): Promise<TerraformValue> {
    const tree = await this.treeOf(source, source);
    return isUnknown(tree) ? tree : this.evaluate(tree, scope);
  }

  private treeOf(source: string, shown: string): Promise<HclExpressionNode | Unknown> {
    let tree = this.trees.get(source);
    if (tree === undefined) {
      // From a .tf.json file, an expression is a JSON string that the file's own nesting check did not see into.
      tree = hclNestingBeyond(source, INPUT_LIMITS.nestingDepth) !== undefined
        ? Promise.resolve(new Unknown(innerExpression(shown), `it nests more than ${INPUT_LIMITS.nestingDepth} deep`))
        : this.parser.expressionTree(source).catch(() => new Unknown(innerExpression(shown), 'mpu-check could not parse this expression'));
      this.trees.set(source, tree);
    }
    return tree;
  }

  private async evaluate(node: HclExpressionNode, scope: HclScope): Promise<TerraformValue> {
    this.step();
    const children = node.children;
    switch (node.type) {
      case '':
        // With no child, the element of the splat being evaluated (`[*]`, `.*`); with one, parentheses.
        if (children.length === 0) return scope.names.has(SPLAT_ELEMENT) ? scope.names.get(SPLAT_ELEMENT)! : new Unknown(expressionOf(node), 'a splat outside a splat');
        return this.evaluate(children[0], scope);
      case 'templateWrap':
        return this.evaluate(children[0], scope);
      case 'splat':
        return bounded(await this.splat(node, scope), () => expressionOf(node));
      case 'literalValue':
        return literalOf(node);
      case 'template':
        return this.template(node, scope);
      case 'scopeTraversal':
        return this.traverseScope(node.meta.traversal ?? [], scope, expressionOf(node));
      case 'relativeTraversal':
        // `module.logs[each.key].id`: only the output it names is evaluated, not the instance's every output.
        if (moduleCallOf(children[0]) !== undefined) return this.indexedModule(children[0], node.meta.traversal ?? [], scope, expressionOf(node));
        return traverseValue(await this.evaluate(children[0], scope), node.meta.traversal ?? [], expressionOf(node));
      case 'index':
        if (moduleCallOf(node) !== undefined) return this.indexedModule(node, [], scope, expressionOf(node));
        return indexValue(await this.evaluate(children[0], scope), await this.evaluate(children[1], scope), expressionOf(node));
      case 'tuple':
        return bounded(await Promise.all(children.map(child => this.evaluate(child, scope))), () => expressionOf(node));
      case 'object':
        return bounded(await this.object(node, scope), () => expressionOf(node));
      case 'function':
        return bounded(await callFunction(String(node.meta.name), children.map(child => this.lazyArgument(child, scope)), expressionOf(node),
          node.meta.expandedFinalArgument === true, steps => this.charge(steps)), () => expressionOf(node));
      case 'conditional':
        return this.conditional(node, scope);
      case 'binaryOp':
        return binaryOperation(String(node.meta.operator),
          await this.evaluate(children[0], scope), await this.evaluate(children[1], scope), expressionOf(node));
      case 'unaryOp':
        return unaryOperation(String(node.meta.operator), await this.evaluate(children[0], scope), expressionOf(node));
      case 'for':
        return bounded(await this.forExpression(node, scope), () => expressionOf(node));
      default:
        return new Unknown(expressionOf(node), `mpu-check does not evaluate ${node.type || 'this'} expressions`);
    }
  }

  private async template(node: HclExpressionNode, scope: HclScope): Promise<TerraformValue> {
    const parts = await Promise.all(node.children.map(child => this.evaluate(child, scope)));
    const unknown = parts.find(part => isUnknown(part) || isReference(part));
    if (unknown !== undefined) return isUnknown(unknown) ? unknown : new Unknown(expressionOf(node), 'an attribute of another resource, known after apply');
    if (parts.length === 1 && node.children[0].type !== 'literalValue') return parts[0];
    const texts = parts.map(part => templatePart(part, expressionOf(node)));
    if (texts.reduce((length, text) => length + text.length, 0) > INPUT_LIMITS.valueLength) return tooLarge(expressionOf(node));
    return texts.join('');
  }

  private async traverseScope(traversal: Traversal, scope: HclScope, expression: string): Promise<TerraformValue> {
    const [root, first, ...rest] = traversal.map(part => part.segment);
    const tail = traversal.slice(2);
    switch (root) {
      case 'var': {
        // A variable whose value is null is known: only a name the module does not declare is not.
        const value = await scope.variable(first, scope.inside);
        return traverseValue(value === undefined ? new Unknown(`var.${first}`, 'no such variable in the module') : value, tail, expression);
      }
      case 'local':
        if (scope.localChain.includes(first)) return new Unknown(`local.${first}`, `it refers to itself through ${scope.localChain.join(', ')}`);
        if (scope.localChain.length >= INPUT_LIMITS.nestingDepth) return new Unknown(`local.${first}`, `it is reached through more than ${INPUT_LIMITS.nestingDepth} other locals`);
        return traverseValue(await scope.local(first, [...scope.localChain, first], scope.inside), tail, expression);
      case 'path':
        return traverseValue({ module: scope.moduleDirectory, root: scope.moduleDirectory, cwd: '.' }, traversal.slice(1), expression);
      case 'module':
        return first === undefined ? new Unknown(expression, `${root} is not a name mpu-check knows here`) : this.moduleReference(first, undefined, tail, scope, expression);
      case 'data':
        return referenceOf(`${scope.modulePrefix}data.${first}.${rest[0]}`, traversal.slice(3), expression);
      case 'terraform':
        return new Unknown(expression, 'known only when Terraform runs');
      default:
        if (scope.names.has(root)) return traverseValue(scope.names.get(root)!, traversal.slice(1), expression);
        if (RESOURCE_TYPE.test(root) && first !== undefined) return this.resourceReference(`${root}.${first}`, tail, scope, expression);
        return new Unknown(expression, `${root} is not a name mpu-check knows here`);
    }
  }

  /**
   * A resource block as a value: a reference, or when count or for_each make it a list or a map
   * of instances whose keys are known, that list or map of references (`length(aws_s3_bucket.x)`,
   * `for_each = aws_s3_bucket.x`).
   */
  private async resourceReference(typeAndName: string, rest: Traversal, scope: HclScope, expression: string): Promise<TerraformValue> {
    const address = `${scope.modulePrefix}${typeAndName}`;
    const keys = await instanceKeysOf(typeAndName, scope);
    if (keys === 'single' && rest[0]?.type === 'indexTraversal' && typeof indexSegmentOf(rest[0].segment) === 'number') {
      throw new EvaluationError(`${expression}: ${typeAndName} has neither count nor for_each, so it has no instance [${rest[0].segment}]`);
    }
    if (keys === undefined || keys === 'single') return referenceOf(address, rest, expression);
    const instances = keys.map(key => new Reference(address, key, [], expression));
    const whole: TerraformValue = keys.every(key => typeof key === 'number')
      ? instances
      : Object.fromEntries(instances.map(instance => [primitiveString(instance.key!) ?? JSON.stringify(instance.key), instance]));
    return traverseValue(whole, rest, expression);
  }

  /**
   * `list[*].id`, `list.*.id`: the traversal after the splat applied to each element of the list;
   * null is no element and any other value one (`aws_s3_bucket.b[*].id` of a bucket without count
   * is `[id]`), as Terraform does.
   */
  private async splat(node: HclExpressionNode, scope: HclScope): Promise<TerraformValue> {
    const [source, each] = node.children;
    const elements = await this.splatElements(await this.evaluate(source, scope), scope, expressionOf(node));
    if (isUnknown(elements) || each === undefined || (each.type === '' && each.children.length === 0)) return elements;
    const result: TerraformValue[] = [];
    for (const element of elements) result.push(await this.evaluate(each, withNames(scope, { [SPLAT_ELEMENT]: element })));
    return result;
  }

  private async splatElements(source: TerraformValue, scope: HclScope, expression: string): Promise<TerraformValue[] | Unknown> {
    if (isUnknown(source)) return source;
    if (source === null) return [];
    if (Array.isArray(source)) return source;
    if (isReference(source) && source.attributes.length > 0) return new Unknown(expression, 'an attribute of another resource, known after apply, which may be a list');
    if (isReference(source) && source.key === undefined) {
      const typeAndName = source.address.slice(scope.modulePrefix.length);
      if (!RESOURCE_TYPE.test(typeAndName.split('.')[0]) || await instanceKeysOf(typeAndName, scope) !== 'single') {
        return new Unknown(expression, `the instances of ${source.address} are not known before apply`);
      }
    }
    return [source];
  }

  /** A function's argument, evaluated when the function asks; `try()` and `can()` first ask what it refers to that is not known. */
  private lazyArgument(node: HclExpressionNode, scope: HclScope): LazyArgument {
    return Object.assign(() => this.evaluate(node, scope), { unknownInput: () => this.unknownInput(node, scope) });
  }

  /**
   * The first value an expression refers to, from outside it, that is not wholly known before
   * apply: Terraform's `try()` and `can()` answer unknown for such an argument rather than decide
   * whether it fails. A reference that Terraform would refuse does not count (hcl's tryfunc).
   */
  private async unknownInput(node: HclExpressionNode, scope: HclScope): Promise<Unknown | Reference | undefined> {
    const pending = [node];
    while (pending.length > 0) {
      const next = pending.pop()!;
      this.step();
      pending.push(...next.children);
      const traversal = next.type === 'scopeTraversal' ? next.meta.traversal ?? [] : [];
      const root = traversal[0]?.segment ?? '';
      if (!OUTER_ROOTS.has(root) && !RESOURCE_TYPE.test(root) && !scope.names.has(root)) continue;
      let value: TerraformValue;
      try {
        value = await this.traverseScope(traversal, scope, expressionOf(next));
      } catch (error) {
        if (error instanceof EvaluationError) continue;
        throw error;
      }
      const unknown = firstNotKnown(value);
      if (unknown !== undefined) return unknown;
    }
    return undefined;
  }

  /** `module.logs[<key expression>]`, then `rest`: the key is evaluated, then the instance it names is followed. */
  private async indexedModule(index: HclExpressionNode, rest: Traversal, scope: HclScope, expression: string): Promise<TerraformValue> {
    const key = await this.evaluate(index.children[1], scope);
    return this.moduleReference(moduleCallOf(index)!, { key }, rest, scope, expression);
  }

  /**
   * `module.<name>` and what follows it (`rest`, after the key of `indexed` when an index
   * expression gives one): the value of the output it names, evaluated in the called module
   * instance, so that a resource there is referred to at its address in that instance
   * (`module.logs["a"].aws_s3_bucket.this`). Without an output name, the instance's object of
   * every output, or for count and for_each the list or map of them.
   */
  private async moduleReference(
    name: string, indexed: { key: TerraformValue } | undefined, rest: Traversal, scope: HclScope, expression: string,
  ): Promise<TerraformValue> {
    const called = await scope.moduleCall(name, scope.inside);
    if (called === undefined) throw new EvaluationError(`${expression}: the module has no module "${name}" block`);
    if (isUnknown(called)) return new Unknown(expression, called.why);
    let steps = rest;
    let key = indexed?.key;
    if (key === undefined && called.kind !== 'single' && steps[0]?.type === 'indexTraversal') {
      key = indexSegmentOf(steps[0].segment);
      steps = steps.slice(1);
    }
    if (called.kind !== 'single' && key === undefined) return traverseValue(await this.wholeModule(name, called, scope, expression), steps, expression);
    if (called.kind === 'single' && key !== undefined) return traverseValue(indexValue(await this.wholeModule(name, called, scope, expression), key, expression), steps, expression);
    const instance = key === undefined ? called.instances[0] : instanceOf(name, called, key, expression);
    if (isUnknown(instance)) return instance;
    const [output, ...after] = steps;
    // As Terraform: `module.logs[0]["id"]` is refused, `module.logs["id"]` of a call without count or for_each is not.
    if (output?.type === 'indexTraversal' && called.kind !== 'single') throw new EvaluationError(`${expression}: module instance objects do not support this operation`);
    if (output === undefined || output.type === 'indexTraversal') {
      return traverseValue(await this.outputsObject(instance.outputs, scope, expression), steps, expression);
    }
    if (!instance.outputs.outputNames.includes(output.segment)) throw new EvaluationError(`${expression}: module ${name} has no output "${output.segment}"`);
    const value = await instance.outputs.output(output.segment, scope.inside);
    // A reference is said as the calling module writes it.
    return traverseValue(isReference(value) ? new Reference(value.address, value.key, value.attributes, expression) : value, after, expression);
  }

  /** `module.<name>` as a whole: the object of one instance's outputs, or a list (count) or map (for_each) of them. */
  private async wholeModule(name: string, called: CalledModule, scope: HclScope, expression: string): Promise<TerraformValue> {
    if (!called.keysKnown) return new Unknown(expression, `the instances of module ${name} are not known before apply`);
    if (called.cut !== undefined) return new Unknown(expression, called.cut);
    const objects: TerraformValue[] = [];
    for (const instance of called.instances) objects.push(await this.outputsObject(instance.outputs, scope, expression));
    if (called.kind === 'single') return objects[0];
    if (called.kind === 'count') return objects;
    const byKey: Record<string, TerraformValue> = {};
    called.instances.forEach((instance, index) => setOwn(byKey, primitiveString(instance.key!) ?? JSON.stringify(instance.key), objects[index]));
    return byKey;
  }

  private async outputsObject(outputs: CalledModule['instances'][number]['outputs'], scope: HclScope, expression: string): Promise<TerraformValue> {
    const object: Record<string, TerraformValue> = {};
    for (const name of outputs.outputNames) {
      // Each read is a step: every instance of a module may read every output of every instance of another.
      this.step();
      setOwn(object, name, await outputs.output(name, scope.inside));
    }
    return bounded(object, () => expression);
  }

  private async object(node: HclExpressionNode, scope: HclScope): Promise<TerraformValue> {
    const items = (node.meta.items ?? {}) as Record<string, string>;
    const result: Record<string, TerraformValue> = {};
    for (const [keySource, valueSource] of Object.entries(items)) {
      const key = /^[A-Za-z_][\w-]*$/.test(keySource) ? keySource : await this.evaluatePart(keySource, scope);
      if (isUnknown(key) || isReference(key)) return new Unknown(expressionOf(node), 'an object key is not known before apply');
      const name = primitiveString(key);
      if (name === undefined) return refused(expressionOf(node), 'an object key must be a string');
      setOwn(result, name, await this.evaluatePart(valueSource, scope));
    }
    return result;
  }

  private async conditional(node: HclExpressionNode, scope: HclScope): Promise<TerraformValue> {
    const [condition, whenTrue, whenFalse] = node.children;
    // Terraform evaluates both results, whatever the condition, to unify their types (conditional-result.ts).
    const [onTrue, onFalse] = await Promise.all([this.outcomeOf(whenTrue, scope), this.outcomeOf(whenFalse, scope)]);
    const written = await this.evaluate(condition, scope);
    // Terraform converts the condition to a bool: "true" and "false" are conditions too.
    const test = written === 'true' || written === 'false' ? written === 'true' : written;
    if (typeof test !== 'boolean' && !isUnknown(test) && !isReference(test)) throw new EvaluationError(`the condition of ${expressionOf(node)} is not a bool`);
    return conditionalResult(test, onTrue, onFalse, expressionOf(node), steps => this.charge(steps));
  }

  private async outcomeOf(node: HclExpressionNode, scope: HclScope): Promise<BranchOutcome> {
    try {
      return { value: await this.evaluate(node, scope) };
    } catch (error) {
      if (error instanceof EvaluationError) return { refused: error };
      throw error;
    }
  }

  private async forExpression(node: HclExpressionNode, scope: HclScope): Promise<TerraformValue> {
    const meta = node.meta as Record<string, string | boolean>;
    const collection = await this.evaluatePart(String(meta.collectionExpression), scope);
    if (isUnknown(collection) || isReference(collection)) return collection;
    if (!Array.isArray(collection) && !isObjectValue(collection)) {
      throw new EvaluationError(`${expressionOf(node)}: a for expression cannot iterate over ${collection === null ? 'null' : `a ${typeof collection}`}`);
    }
    // A map or object is iterated in the lexical order of its keys, as Terraform does (a JS object puts "9" before "10").
    // A set's keys are its elements, as Terraform gives them.
    const entries: Array<[TerraformValue, TerraformValue]> = Array.isArray(collection)
      ? collection.map((item, index) => [isSetValue(collection) ? item : index, item])
      : Object.keys(collection).sort().map(key => [key, collection[key]]);
    const toObject = typeof meta.keyExpression === 'string' && meta.keyExpression !== '';
    const list: TerraformValue[] = [];
    const object: Record<string, TerraformValue> = {};
    for (const [key, value] of entries) {
      const names: Record<string, TerraformValue> = { [String(meta.valVar)]: value };
      if (meta.keyVar) names[String(meta.keyVar)] = key;
      const inner = withNames(scope, names);
      if (meta.conditionalExpression) {
        const keep = await this.evaluatePart(String(meta.conditionalExpression), inner);
        if (isUnknown(keep) || isReference(keep)) return new Unknown(expressionOf(node), 'its condition is not known before apply');
        if (keep !== true) continue;
      }
      const item = await this.evaluatePart(String(meta.valueExpression), inner);
      if (!toObject) {
        list.push(item);
        continue;
      }
      const itemKey = await this.evaluatePart(String(meta.keyExpression), inner);
      if (isUnknown(itemKey) || isReference(itemKey)) return new Unknown(expressionOf(node), 'its keys are not known before apply');
      const name = primitiveString(itemKey);
      if (name === undefined) return refused(expressionOf(node), 'an object key must be a string');
      const earlier = hasKey(object, name) ? object[name] : undefined;
      if (meta.groupedValue === true) {
        // `k => v...`: the values of each key, in order.
        if (earlier === undefined) setOwn(object, name, [item]);
        else (earlier as TerraformValue[]).push(item);
      } else if (earlier !== undefined) {
        throw new EvaluationError(`${expressionOf(node)}: two elements make the key ${JSON.stringify(name)} (grouping them needs ... after the value)`);
      } else {
        setOwn(object, name, item);
      }
    }
    return toObject ? object : list;
  }
}

/** The instance keys of a resource block of the module, as HclScope.resourceKeys gives them; undefined for a cycle or a chain too long to follow. */
function instanceKeysOf(typeAndName: string, scope: HclScope): Promise<TerraformValue[] | 'single' | undefined> {
  // A block in its own chain is a cycle; a chain longer than the nesting bound is not followed either (each step copies it).
  const followed = !scope.resourceChain.includes(typeAndName) && scope.resourceChain.length < INPUT_LIMITS.nestingDepth;
  return followed ? scope.resourceKeys(typeAndName, [...scope.resourceChain, typeAndName], scope.inside) : Promise.resolve(undefined);
}

/** The first Unknown or Reference in a value, lists and objects searched; undefined when it is wholly known. */
function firstNotKnown(value: TerraformValue): Unknown | Reference | undefined {
  if (isKnown(value)) return undefined;
  if (isUnknown(value) || isReference(value)) return value;
  const items: TerraformValue[] = Array.isArray(value) ? value : Object.values(value as Record<string, TerraformValue>);
  for (const item of items) {
    const found = firstNotKnown(item);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The call's name when `node` is `module.<name>[<key>]`. */
function moduleCallOf(node: HclExpressionNode): string | undefined {
  if (node.type !== 'index') return undefined;
  const traversal = node.children[0]?.type === 'scopeTraversal' ? node.children[0].meta.traversal ?? [] : [];
  return traversal.length === 2 && traversal[0].segment === 'module' ? traversal[1].segment : undefined;
}

/**
 * The instance of a counted module call that `key` names: an Unknown when the key is not known
 * (unless the instances are not either, as with a resource's: then the one that stands for them).
 */
function instanceOf(name: string, called: CalledModule, key: TerraformValue, expression: string): CalledModule['instances'][number] | Unknown {
  if (isUnknown(key) || isReference(key)) {
    return called.keysKnown ? new Unknown(expression, `which instance of module ${name} it names is not known before apply`) : called.instances[0];
  }
  if (!called.keysKnown) return new Unknown(expression, `the instances of module ${name} are not known before apply`);
  const instance = called.instances.find(candidate => (called.kind === 'count'
    ? candidate.key === numberOf(key)
    : candidate.key !== undefined && primitiveString(candidate.key) === primitiveString(key)));
  if (instance !== undefined) return instance;
  if (called.cut !== undefined) return new Unknown(expression, called.cut);
  throw new EvaluationError(`${expression}: module ${name} has no instance ${JSON.stringify(key)}`);
}

function literalOf(node: HclExpressionNode): TerraformValue {
  const text = String(node.meta.value);
  switch (node.meta.type) {
    case 'number':
      return Number(text);
    case 'bool':
      return text === 'true';
    case 'string':
      return unescaped(text);
    default:
      return null;
  }
}

/** The syntax tree keeps a quoted string's escapes as written: `\"`, `\n`, `\u00e9`, `$${`. */
function unescaped(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{/g, (escape, code: string | undefined) => {
    if (code === undefined) return escape.slice(1);
    if (/^[uU]/.test(code)) {
      const point = parseInt(code.slice(1), 16);
      if (point > 0x10ffff) throw new EvaluationError(`\\${code} is not a Unicode character`);
      return String.fromCodePoint(point);
    }
    return ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[code] ?? code;
  });
}

function templatePart(part: TerraformValue, expression: string): string {
  if (typeof part === 'string' || typeof part === 'number' || typeof part === 'boolean') return String(part);
  throw new EvaluationError(`${expression} interpolates a ${part === null ? 'null' : 'collection'} value`);
}

/**
 * The value, or an Unknown when its lists and objects nest more than INPUT_LIMITS.nestingDepth
 * deep: what reads values recurses into them, and jsondecode, locals that wrap locals and `for`
 * expressions can nest a value deeper than any file does.
 */
function bounded(value: TerraformValue, expression: () => string): TerraformValue {
  if (depthOf(value) <= INPUT_LIMITS.nestingDepth) return value;
  return new Unknown(expression(), `it makes a value nested more than ${INPUT_LIMITS.nestingDepth} deep, which mpu-check does not evaluate`);
}

/** A value of a block body, as JSON, for a message: short, on one line. */
function shortJson(value: unknown): string {
  return innerExpression(JSON.stringify(value) ?? String(value));
}

/** A value larger than mpu-check evaluates (Terraform might still): not judged rather than held in memory. */
function tooLarge(expression: string): Unknown {
  return new Unknown(expression, `it makes a value longer than the ${INPUT_LIMITS.valueLength.toLocaleString('en-US')} characters or elements mpu-check evaluates`);
}

/** An expression Terraform itself refuses, for the cases this file answers with a value rather than an error. */
function refused(expression: string, why: string): Unknown {
  return new Unknown(expression, `Terraform would refuse it: ${why}`);
}

function referenceOf(address: string, rest: Traversal, expression: string): TerraformValue {
  const [first, ...after] = rest;
  const indexed = first?.type === 'indexTraversal';
  const key = indexed ? indexSegmentOf(first.segment) : undefined;
  const attributes = (indexed ? after : rest).map(part => part.segment);
  return new Reference(address, key, attributes, expression);
}

function traverseValue(value: TerraformValue, traversal: Traversal, expression: string): TerraformValue {
  let current = value;
  for (const part of traversal) {
    current = part.type === 'indexTraversal' ? indexValue(current, indexSegmentOf(part.segment), expression) : attributeOf(current, part.segment, expression);
  }
  return current;
}

function attributeOf(value: TerraformValue, name: string, expression: string): TerraformValue {
  if (isUnknown(value)) return value;
  if (isReference(value)) return new Reference(value.address, value.key, [...value.attributes, name], expression);
  if (isObjectValue(value)) {
    if (!hasKey(value, name)) throw new EvaluationError(`${expression}: the object has no attribute "${name}"`);
    return value[name];
  }
  throw new EvaluationError(`${expression}: cannot read the attribute "${name}" of a ${value === null ? 'null' : typeof value} value`);
}

function indexValue(collection: TerraformValue, key: TerraformValue, expression: string): TerraformValue {
  if (isUnknown(collection)) return collection;
  if (isReference(collection) && isUnknown(key) && collection.key === undefined && collection.attributes.length === 0) {
    // Still a reference to one of the block's instances, which one known after apply.
    return new Reference(collection.address, key, [], expression);
  }
  if (isUnknown(key) || isReference(key)) return key;
  if (isReference(collection)) {
    return collection.key === undefined && collection.attributes.length === 0
      ? new Reference(collection.address, key, [], expression)
      : new Unknown(expression, 'an attribute of another resource, known after apply');
  }
  if (Array.isArray(collection)) {
    const index = numberOf(key);
    if (!Number.isInteger(index) || index < 0 || index >= collection.length) throw new EvaluationError(`${expression}: no element ${JSON.stringify(key)}`);
    return collection[index];
  }
  if (isObjectValue(collection)) {
    const name = primitiveString(key);
    if (name === undefined || !hasKey(collection, name)) throw new EvaluationError(`${expression}: no element ${JSON.stringify(key)}`);
    return collection[name];
  }
  throw new EvaluationError(`${expression}: cannot index a ${collection === null ? 'null' : typeof collection} value`);
}

function indexSegmentOf(segment: string): TerraformValue {
  try {
    return JSON.parse(segment) as TerraformValue;
  } catch {
    return segment;
  }
}

function binaryOperation(operator: string, left: TerraformValue, right: TerraformValue, expression: string): TerraformValue {
  if (operator === 'logicalAnd' && boolOf(left) === false) return false;
  if (operator === 'logicalOr' && boolOf(left) === true) return true;
  for (const side of [left, right]) {
    if (isUnknown(side)) return side;
    if (isReference(side)) return new Unknown(expression, 'an attribute of another resource, known after apply');
  }
  switch (operator) {
    case 'equal':
      return JSON.stringify(left) === JSON.stringify(right);
    case 'notEqual':
      return JSON.stringify(left) !== JSON.stringify(right);
    case 'logicalAnd':
    case 'logicalOr': {
      const [a, b] = [boolOf(left), boolOf(right)];
      if (a === undefined || b === undefined) throw new EvaluationError(`${expression}: ${operator === 'logicalAnd' ? '&&' : '||'} needs bools`);
      return operator === 'logicalAnd' ? a && b : a || b;
    }
  }
  const [a, b] = [numberOf(left), numberOf(right)];
  if (Number.isNaN(a) || Number.isNaN(b)) throw new EvaluationError(`${expression}: ${operator} needs numbers`);
  const arithmetic: Record<string, () => TerraformValue> = {
    add: () => a + b,
    subtract: () => a - b,
    multiply: () => a * b,
    divide: () => a / b,
    modulo: () => a % b,
    lessThan: () => a < b,
    lessThanOrEqual: () => a <= b,
    greaterThan: () => a > b,
    greaterThanOrEqual: () => a >= b,
  };
  const operation = arithmetic[operator];
  if (operation === undefined) return new Unknown(expression, `mpu-check does not evaluate the operator ${operator}`);
  const result = operation();
  return typeof result === 'number' && !exactEnough(result)
    ? new Unknown(expression, 'a fraction whose last digits differ between mpu-check\'s 64-bit arithmetic and Terraform\'s 512-bit one')
    : result;
}

/** A bool as Terraform converts one for `&&`, `||`: a bool, or the string "true" or "false". */
function boolOf(value: TerraformValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  return value === 'true' || value === 'false' ? value === 'true' : undefined;
}

/**
 * True when a number that 64-bit arithmetic gave is the one Terraform's 512-bit arithmetic gives
 * too: a whole number, or a fraction of at most 15 significant digits (`0.1 + 0.2` is
 * 0.30000000000000004 here, 0.3 there).
 */
function exactEnough(value: number): boolean {
  if (Number.isInteger(value) || !Number.isFinite(value)) return true;
  return Number(value.toPrecision(15)) === value;
}

function unaryOperation(operator: string, value: TerraformValue, expression: string): TerraformValue {
  if (isUnknown(value)) return value;
  if (isReference(value)) return new Unknown(expression, 'an attribute of another resource, known after apply');
  if (operator === 'logicalNot') {
    if (typeof value !== 'boolean') throw new EvaluationError(`${expression}: ! needs a bool`);
    return !value;
  }
  const number = numberOf(value);
  if (Number.isNaN(number)) throw new EvaluationError(`${expression}: - needs a number`);
  return -number;
}

function expressionOf(node: HclExpressionNode): string {
  return innerExpression(String(node.meta.value ?? node.meta.fullAccessor ?? '?'));
}

/** The longest expression a message quotes. */
const SHOWN_LENGTH = 120;

/** `"${var.days}"` and `${var.days}` are shown as `var.days`, on one line and at most SHOWN_LENGTH long. */
function innerExpression(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const wrapped = /^"?\$\{(.*)\}"?$/.exec(oneLine);
  const inner = wrapped && isOneInterpolation(oneLine) ? wrapped[1].trim() : oneLine;
  return inner.length > SHOWN_LENGTH ? `${inner.slice(0, SHOWN_LENGTH - 3)}...` : inner;
}

/** True when the text's first `${` closes at its end: one interpolation, not `${a}-${b}`. */
function isOneInterpolation(text: string): boolean {
  const start = text.indexOf('${');
  let depth = 0;
  for (let at = start + 1; at < text.length; at++) {
    if (text[at] === '{') depth++;
    if (text[at] === '}' && --depth === 0) return text.slice(at + 1).replace(/"$/, '') === '';
  }
  return false;
}
