import { LazyValue } from './lazy-value';
import { TerraformValue, Unknown } from './terraform-value';

/** What the names of an expression stand for where it is written. */
export interface HclScope {
  /**
   * The value of the module's input variable `name`: the argument its caller gives (evaluated when
   * first asked for), its default, or an Unknown saying why it has none; undefined when the module
   * declares no such variable.
   */
  readonly variable: (name: string, asker: LazyValue<unknown> | undefined) => Promise<TerraformValue | undefined>;
  /** A module's local value, evaluated once when first asked for; `chain` is the locals being evaluated, this one last. */
  readonly local: (name: string, chain: readonly string[], asker: LazyValue<unknown> | undefined) => Promise<TerraformValue>;
  /** The locals whose values are being evaluated here: one of them again is a cycle. */
  readonly localChain: readonly string[];
  /** `each`, `count`, a dynamic block's iterator, a `for` expression's variables. */
  readonly names: ReadonlyMap<string, TerraformValue>;
  /** The module's directory, for `path.module`. */
  readonly moduleDirectory: string;
  /** The address of the module instance, before its resources' (`module.logs["a"].`); '' in the root module. */
  readonly modulePrefix: string;
  /**
   * The instance keys of a resource block of the module (`aws_s3_bucket.logs`): 'single' without
   * count or for_each, undefined when they are not known before apply or there is no such block.
   */
  readonly resourceKeys: (typeAndName: string, chain: readonly string[], asker: LazyValue<unknown> | undefined) => Promise<TerraformValue[] | 'single' | undefined>;
  /** The resource blocks whose count or for_each is being evaluated here: one of them again is a cycle. */
  readonly resourceChain: readonly string[];
  /**
   * The instances of the module call `name` (`module "logs" { ... }`), each with its outputs; an
   * Unknown saying why when mpu-check does not follow the call; undefined when the module has no
   * such call.
   */
  readonly moduleCall: (name: string, asker: LazyValue<unknown> | undefined) => Promise<CalledModule | Unknown | undefined>;
  /** The lazy value (a local, a variable's argument, an output) this is the evaluation of: what it asks for, it waits for. */
  readonly inside?: LazyValue<unknown>;
}

/** The instances a module call makes, as the calling module's expressions see them. */
export interface CalledModule {
  /** Without count or for_each, `module.logs` is the one instance's object; with count a list of them, with for_each a map. */
  readonly kind: 'single' | 'count' | 'for_each';
  /** False when count or for_each is not known before apply: one instance, whose key is not known, stands for them all. */
  readonly keysKnown: boolean;
  readonly instances: ReadonlyArray<{ readonly key?: TerraformValue; readonly outputs: ModuleOutputs }>;
  /** Why some instances are not evaluated (the tree has more than mpu-check evaluates); undefined when all are. */
  readonly cut?: string;
}

/** The outputs of one module instance, each evaluated in that instance when first asked for. */
export interface ModuleOutputs {
  readonly outputNames: readonly string[];
  output(name: string, asker: LazyValue<unknown> | undefined): Promise<TerraformValue>;
}

/** The scope with more names bound (an instance's `each`, an iterator). */
export function withNames(scope: HclScope, names: Record<string, TerraformValue>): HclScope {
  return { ...scope, names: new Map([...scope.names, ...Object.entries(names)]) };
}
