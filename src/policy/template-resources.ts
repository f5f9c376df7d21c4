import { isRecord } from './fields';
import { ExpansionBudget, expandForEach, FOR_EACH_PREFIX } from './for-each';

/** One resource of a CloudFormation or SAM template, `Fn::ForEach` expanded. */
export interface TemplateResource {
  readonly logicalId: string;
  /** The key under `Resources` as written: the logical id, or the `Fn::ForEach::` key it came from. */
  readonly writtenKey: string;
  readonly type: unknown;
  readonly properties: unknown;
  readonly metadata: unknown;
  /** Set when the resource could not be expanded (a `Fn::ForEach` over a parameter): why. */
  readonly unresolved?: string;
}

/**
 * True for a parsed CloudFormation or SAM template: a mapping of `Resources` whose entries
 * has a `Type` (or is a `Fn::ForEach` loop), or a template that names its format version.
 */
export function isTemplate(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value) || !isRecord(value.Resources)) {
    return false;
  }
  if (value.AWSTemplateFormatVersion !== undefined) {
    return true;
  }
  return Object.entries(value.Resources).some(([key, resource]) => key.startsWith(FOR_EACH_PREFIX) || (isRecord(resource) && typeof resource.Type === 'string'));
}

/**
 * The template's resources in the order written, each `Fn::ForEach` loop expanded in place.
 * Throws ExpansionLimitExceeded for a template larger than CloudFormation takes once expanded.
 */
export function templateResources(template: Record<string, unknown>, budget: ExpansionBudget = new ExpansionBudget()): TemplateResource[] {
  const resources = isRecord(template.Resources) ? template.Resources : {};
  return Object.entries(resources).flatMap(([key, body]) => {
    if (key.startsWith(FOR_EACH_PREFIX)) {
      return expandForEach(key, body, budget).map(({ logicalId, body: expanded, unresolved }) => resourceOf(logicalId, key, expanded, unresolved));
    }
    budget.resource(key);
    return [resourceOf(key, key, body)];
  });
}

function resourceOf(logicalId: string, writtenKey: string, body: unknown, unresolved?: string): TemplateResource {
  const record = isRecord(body) ? body : {};
  return { logicalId, writtenKey, type: record.Type, properties: record.Properties, metadata: record.Metadata, unresolved };
}
