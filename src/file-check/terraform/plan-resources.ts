import { inModule, instanceKeyOf } from './plan-addresses';
import { isRecord } from '../../policy/fields';

type Json = Record<string, unknown>;

/** One resource instance of a plan's planned_values. */
export interface PlannedResource {
  /** As Terraform prints it: `module.logs.aws_s3_bucket.this[0]`. */
  readonly address: string;
  /** The address of the module instance that holds it; '' for the root module. */
  readonly moduleAddress: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  /** `[0]` or `["key"]`; undefined for a resource without count or for_each. */
  readonly key?: string;
  /** The known values; what is not known before apply is left out. */
  readonly values: Json;
  /** The object of the plan that holds it, for where it is written. */
  readonly entry: object;
}

/** Every resource instance of planned_values, the child modules' included; a part of another shape is skipped. */
export function plannedResources(plan: unknown): PlannedResource[] {
  const plannedValues = isRecord(plan) ? plan.planned_values : undefined;
  const found: PlannedResource[] = [];
  if (isRecord(plannedValues)) collectModule(plannedValues.root_module, '', found);
  return found;
}

function collectModule(module: unknown, moduleAddress: string, found: PlannedResource[]): void {
  if (!isRecord(module)) return;
  for (const entry of listOf(module.resources)) {
    const resource = plannedResourceOf(entry, moduleAddress);
    if (resource) found.push(resource);
  }
  for (const child of listOf(module.child_modules)) {
    if (isRecord(child) && typeof child.address === 'string') collectModule(child, child.address, found);
  }
}

function plannedResourceOf(entry: unknown, moduleAddress: string): PlannedResource | undefined {
  if (!isRecord(entry) || typeof entry.type !== 'string' || typeof entry.name !== 'string') return undefined;
  const key = instanceKeyOf(entry.index);
  return {
    address: typeof entry.address === 'string' ? entry.address : inModule(moduleAddress, `${entry.type}.${entry.name}${key ?? ''}`),
    moduleAddress,
    mode: typeof entry.mode === 'string' ? entry.mode : 'managed',
    type: entry.type,
    name: entry.name,
    key,
    values: isRecord(entry.values) ? entry.values : {},
    entry,
  };
}

/** What resource_changes says is not known before apply, by instance address. */
export function afterUnknownByAddress(plan: unknown): Map<string, unknown> {
  const unknowns = new Map<string, unknown>();
  for (const change of listOf(isRecord(plan) ? plan.resource_changes : undefined)) {
    if (isRecord(change) && typeof change.address === 'string' && isRecord(change.change)) {
      unknowns.set(change.address, change.change.after_unknown);
    }
  }
  return unknowns;
}

export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
