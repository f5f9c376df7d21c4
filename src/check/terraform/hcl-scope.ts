import { TerraformValue } from './terraform-value';

/** What the names of an expression stand for where it is written. */
export interface HclScope {
  /** The module's input variables, each its value or an Unknown saying why it has none. */
  readonly variables: ReadonlyMap<string, TerraformValue>;
  /** A module's local value, evaluated once when first asked for; `chain` is the locals being evaluated, this one last. */
  readonly local: (name: string, chain: readonly string[]) => Promise<TerraformValue>;
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
  readonly resourceKeys: (typeAndName: string, chain: readonly string[]) => Promise<TerraformValue[] | 'single' | undefined>;
  /** The resource blocks whose count or for_each is being evaluated here: one of them again is a cycle. */
  readonly resourceChain: readonly string[];
}

/** The scope with more names bound (an instance's `each`, an iterator). */
export function withNames(scope: HclScope, names: Record<string, TerraformValue>): HclScope {
  return { ...scope, names: new Map([...scope.names, ...Object.entries(names)]) };
}
