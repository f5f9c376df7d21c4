import { AssemblyManifest } from './cloud-assembly';
import { StructuredText } from './structured-text';

/** A CloudFormation or SAM template, parsed, within CloudFormation's size. */
export interface TemplateInput {
  readonly kind: 'template';
  readonly file: string;
  readonly realPath: string;
  readonly text: StructuredText;
}

/** A cloud assembly (`cdk.out`), by its parsed `manifest.json`. */
export interface CloudAssemblyInput {
  readonly kind: 'cloud-assembly';
  readonly manifestFile: string;
  readonly manifest: AssemblyManifest;
}

/** A plan as `terraform show -json` writes it, parsed. */
export interface TerraformPlanInput {
  readonly kind: 'terraform-plan';
  readonly file: string;
  readonly plan: StructuredText;
}

/** A directory of `.tf` or `.tf.json` files: Terraform reads it as one module. */
export interface TerraformModuleInput {
  readonly kind: 'terraform-module';
  readonly directory: string;
  readonly realPath: string;
}

/** One input the search found, of a kind mpu-check judges. */
export type CheckInput = TemplateInput | CloudAssemblyInput | TerraformPlanInput | TerraformModuleInput;
