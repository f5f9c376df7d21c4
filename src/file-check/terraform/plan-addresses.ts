/** One `module.<name>` step of a module instance's address, with its `[0]` or `["key"]` when counted. */
export interface ModuleStep {
  readonly name: string;
  readonly key?: string;
}

const INSTANCE_KEY = String.raw`\[(?:\d+|"(?:[^"\\]|\\.)*")\]`;
const MODULE_STEP = new RegExp(String.raw`^module\.([A-Za-z_][\w-]*)(${INSTANCE_KEY})?(?:\.|$)`);
const RESOURCE_REFERENCE = new RegExp(String.raw`^([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)(${INSTANCE_KEY})?`);
const OUTPUT_REFERENCE = new RegExp(String.raw`^module\.([A-Za-z_][\w-]*)(${INSTANCE_KEY})?\.([A-Za-z_][\w-]*)`);

/** The steps of a module instance's address as planned_values gives it (`module.logs[0].module.inner`); [] for the root. */
export function moduleSteps(moduleAddress: string): ModuleStep[] {
  const steps: ModuleStep[] = [];
  let rest = moduleAddress;
  while (rest !== '') {
    const match = MODULE_STEP.exec(rest);
    if (!match) break;
    steps.push({ name: match[1], key: match[2] });
    rest = rest.slice(match[0].length);
  }
  return steps;
}

export function moduleAddressOf(steps: readonly ModuleStep[]): string {
  return steps.map(step => `module.${step.name}${step.key ?? ''}`).join('.');
}

/** The address of something in a module instance: `module.logs.aws_s3_bucket.this`, or `aws_s3_bucket.this` in the root. */
export function inModule(moduleAddress: string, address: string): string {
  return moduleAddress === '' ? address : `${moduleAddress}.${address}`;
}

/** An instance key as Terraform prints it: `[0]` for count, `["logs"]` for for_each; undefined for neither. */
export function instanceKeyOf(index: unknown): string | undefined {
  if (typeof index === 'number') return `[${index}]`;
  if (typeof index === 'string') return `[${JSON.stringify(index)}]`;
  return undefined;
}

/** `aws_s3_bucket.this[0].id` read as the resource it names, and the instance when it names one. */
export function resourceReference(reference: string): { type: string; name: string; key?: string } | undefined {
  const match = RESOURCE_REFERENCE.exec(reference);
  return match ? { type: match[1], name: match[2], key: match[3] } : undefined;
}

/** `module.logs.bucket_id` read as the module call and its output. */
export function outputReference(reference: string): { module: ModuleStep; output: string } | undefined {
  const match = OUTPUT_REFERENCE.exec(reference);
  return match ? { module: { name: match[1], key: match[2] }, output: match[3] } : undefined;
}
