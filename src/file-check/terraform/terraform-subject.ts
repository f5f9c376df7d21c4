import { Acknowledgement } from '../../policy/acknowledgement';
import { LifecycleView } from '../../policy/lifecycle-view';
import { ResourcePlace } from '../judge-template';

/** How the lifecycle rules of a Terraform bucket are written, which decides how the fix is said. */
export type TerraformRuleStyle =
  /** An `aws_s3_bucket_lifecycle_configuration` (provider v4 and later). */
  | 'configuration'
  /** Provider v3's inline `lifecycle_rule` blocks of the `aws_s3_bucket`. */
  | 'inline'
  /** None at all: the bucket has no lifecycle configuration. */
  | 'none';

/** One instance of a Terraform block: the only one, or one of its `count`/`for_each` instances. */
export interface TerraformInstance {
  /** The instance key as Terraform prints it (`[0]`, `["logs"]`); undefined for a block without count or for_each. */
  readonly key?: string;
  readonly lifecycle: LifecycleView;
  readonly style: TerraformRuleStyle;
  /** Set when the instance cannot be judged at all (its rules' configuration is not known): why. */
  readonly unresolved?: string;
  /** What the AWS provider would warn about, said beside the verdict. */
  readonly notes?: readonly string[];
  /** Where its lifecycle rules are written, when not in the block itself and the same for every instance. */
  readonly rulesIn?: string;
  /**
   * Set when the rules are those of named instances only (a configuration on `[0]` of a bucket whose
   * count is not known before apply), and other instances may exist without any: compliant rules
   * then leave the bucket unresolved.
   */
  readonly onlySome?: OnlySomeInstances;
}

/** Which instances have the rules, and why others may have none. */
export interface OnlySomeInstances {
  /** E.g. `only aws_s3_bucket.logs[0] has these rules`; the finding names these instances. */
  readonly rulesFor: string;
  /** E.g. `its count is not known before apply (${var.n}): any other instance has no lifecycle rules`. */
  readonly others: string;
  /** The expression that is not known, for the verdict's list of unresolved values. */
  readonly unknown: string;
}

/** A bucket (or a lifecycle configuration of a bucket not declared here) to judge, with every instance. */
export interface TerraformSubject {
  /** The block's address as written (`module.logs.aws_s3_bucket.this`) or, from a plan, the instance's. */
  readonly address: string;
  /** The Terraform resource type: aws_s3_bucket, aws_s3_directory_bucket, or aws_s3_bucket_lifecycle_configuration. */
  readonly type: string;
  readonly place: ResourcePlace;
  /** Every instance (none for `count = 0`), each judged. */
  readonly instances: readonly TerraformInstance[];
  /** The `# mpu-check:acknowledge <rule id> <reason>` comments on the block, by rule id. */
  readonly acknowledgements?: ReadonlyMap<string, Acknowledgement>;
  /** Where its lifecycle rules are written, when not in the block itself and the same for every instance. */
  readonly rulesIn?: string;
}
