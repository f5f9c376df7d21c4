import { RESOURCES_PER_TEMPLATE, TEMPLATE_BODY_BYTES } from '../policy/cloudformation-limits';

/**
 * The bounds on what mpu-check reads and expands, so that no input, however written, makes one
 * run exceed its stated memory (512 MiB) or run without end. Each is named after the limit of the
 * system that reads the input for real, or chosen well beyond what real inputs need; the table in
 * docs/mpu-check.md (What mpu-check reads) gives each one's reason.
 */
export const INPUT_LIMITS = {
  /** A CloudFormation or SAM template: CloudFormation refuses a larger one. */
  templateBytes: TEMPLATE_BODY_BYTES,
  /**
   * Plans, `.tf.json` files and cloud assembly manifests, which no system bounds: the default of
   * `--max-file-size`, in bytes. A 16 MiB plan of 25,000 buckets is judged in about 1 s under
   * 200 MiB; the JSON reader takes about 8 bytes of memory per byte.
   */
  defaultFileBytes: 16 * 1024 * 1024,
  /**
   * A Terraform file in HCL's native syntax (`.tf`, `.tfvars`): the default of `--max-hcl-size`, in
   * bytes. HashiCorp's HCL parser, which mpu-check runs as WebAssembly, takes about 150 bytes of
   * memory per byte of source at once and does not give it back: a run of many 256 KiB files levels
   * off near 100 MiB. Real modules' files are under 100 KiB.
   */
  defaultHclBytes: 256 * 1024,
  /**
   * The Terraform configuration one run reads, all modules together: their parsed blocks are held
   * until every module tree is judged.
   */
  terraformBytesPerRun: 16 * 1024 * 1024,
  /**
   * Arrays and mappings inside arrays and mappings, in JSON, YAML and HCL, and in the values
   * Terraform expressions make; and locals that refer to locals, in a chain.
   */
  nestingDepth: 128,
  /** Resources one template may expand to with `Fn::ForEach`. */
  resourcesPerTemplate: RESOURCES_PER_TEMPLATE,
  /** Loop bodies `Fn::ForEach` may instantiate in one template, empty ones included. */
  forEachIterations: 10 * RESOURCES_PER_TEMPLATE,
  /** Nested stacks within nested stacks, and Terraform modules within modules. */
  nestingOfStacksAndModules: 16,
  /** Cloud assemblies within cloud assemblies (Stages within Stages): deeper is an assembly that names itself. */
  nestingOfAssemblies: 16,
  /**
   * The instances of one Terraform block judged one by one (Terraform's `range()` makes at most
   * 1,024 values); beyond it, one representative instance whose key is not known.
   */
  instancesPerBlock: 1024,
  /** Module instances in one Terraform root module's tree; beyond it, one representative instance. */
  moduleInstancesPerTree: 1024,
  /** Steps of expression evaluation for one Terraform root module's tree. */
  evaluationSteps: 2_000_000,
  /** The longest string, and the longest list, an expression may make. */
  valueLength: 1_048_576,
  /** The most buckets one run reports: beyond, the rest are not judged. */
  bucketsPerRun: 25_000,
} as const;
