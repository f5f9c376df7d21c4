import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

export interface Acknowledged {
  /** The construct the acknowledgement was made on. */
  readonly path: string;
  readonly reason: string;
}

/**
 * The acknowledgement of a rule made with `Validations.of(scope).acknowledge()`
 * on the node or any ancestor, nearest first.
 */
export function findAcknowledgement(node: IConstruct, ruleId: string): Acknowledged | undefined {
  for (let current: IConstruct | undefined = node; current; current = current.node.scope) {
    for (const entry of current.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || typeof entry.data !== 'object' || entry.data === null) {
        continue;
      }
      for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
        // aws-cdk-lib records ids as 'annotation::Id' (older) or 'Annotation::Id' (newer).
        if (id.replace(/^annotation::/i, '') === ruleId) {
          return { path: current.node.path, reason: typeof reason === 'string' ? reason : '' };
        }
      }
    }
  }
  return undefined;
}
