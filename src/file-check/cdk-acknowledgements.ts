import { Acknowledgement, acknowledgementAmong } from '../policy/acknowledgement';
import { isRecord } from '../policy/fields';

/** The metadata type of `Validations.of(scope).acknowledge()` in a cloud assembly. */
const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';
const LOGICAL_ID = 'aws:cdk:logicalId';
const NESTED_STACK_RESOURCE = /^(.*)\/([^/]+)\.NestedStack\/\2\.NestedStackResource$/;

/**
 * What a stack artifact's metadata says about its constructs: the construct path of each
 * logical id, and the rules acknowledged on each path with `Validations.of(scope).acknowledge()`.
 * Nested stacks' constructs are in their parent stack's metadata.
 */
export class CdkAcknowledgements {
  /** Reads `{ "/Stack/Bucket/Resource": [{ type, data }] }`, the shape of `metadata` and of the metadata file. */
  static fromMetadata(metadata: unknown): CdkAcknowledgements {
    const logicalIds: Array<[string, string]> = [];
    const acknowledged = new Map<string, Record<string, unknown>>();
    for (const [path, entries] of Object.entries(isRecord(metadata) ? metadata : {})) {
      for (const entry of Array.isArray(entries) ? entries : []) {
        if (!isRecord(entry)) continue;
        if (entry.type === LOGICAL_ID && typeof entry.data === 'string') logicalIds.push([path, entry.data]);
        if (entry.type === ACKNOWLEDGED_RULES && isRecord(entry.data)) acknowledged.set(path, { ...acknowledged.get(path), ...entry.data });
      }
    }
    return new CdkAcknowledgements(logicalIds, acknowledged);
  }

  private readonly nestedStackPaths: string[];
  private readonly pathsByLogicalId = new Map<string, string[]>();

  private constructor(logicalIds: Array<[string, string]>, private readonly acknowledged: Map<string, Record<string, unknown>>) {
    this.nestedStackPaths = logicalIds.map(([path]) => nestedStackOf(path)).filter((path): path is string => path !== undefined);
    for (const [path, id] of logicalIds) {
      this.pathsByLogicalId.set(id, [...this.pathsByLogicalId.get(id) ?? [], path]);
    }
  }

  /** The construct path of `logicalId` in the template of the stack (or nested stack) at `stackPath`. */
  pathOf(stackPath: string, logicalId: string): string | undefined {
    return this.pathsByLogicalId.get(logicalId)?.find(path => this.owningStack(path, stackPath) === stackPath);
  }

  /** The construct path of the nested stack that the resource `logicalId` of `stackPath` deploys. */
  nestedStackPath(stackPath: string, logicalId: string): string | undefined {
    const path = this.pathOf(stackPath, logicalId);
    return path === undefined ? undefined : nestedStackOf(path);
  }

  /** The acknowledgement of `ruleId` on the construct at `path` or an ancestor inside the stack, nearest first. */
  find(path: string, ruleId: string): Acknowledgement | undefined {
    for (let scope = path; scope !== ''; scope = scope.slice(0, scope.lastIndexOf('/'))) {
      const found = acknowledgementAmong(this.acknowledged.get(scope) ?? {}, ruleId, `Validations.of(${scope}).acknowledge`);
      if (found) return found;
    }
    return undefined;
  }

  private owningStack(path: string, candidate: string): string | undefined {
    const owners = [candidate, ...this.nestedStackPaths].filter(stack => path.startsWith(`${stack}/`));
    return owners.sort((a, b) => b.length - a.length)[0];
  }
}

/** `/Parent/Inner` for the resource `/Parent/Inner.NestedStack/Inner.NestedStackResource` that deploys it. */
function nestedStackOf(resourcePath: string): string | undefined {
  const match = NESTED_STACK_RESOURCE.exec(resourcePath);
  return match ? `${match[1]}/${match[2]}` : undefined;
}
