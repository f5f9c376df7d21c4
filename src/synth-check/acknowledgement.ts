import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Acknowledgement, acknowledgementAmong } from '../policy/acknowledgement';

/**
 * The acknowledgement of a rule made with `Validations.of(scope).acknowledge()`
 * on the node or any ancestor, nearest first; `where` is that construct's path.
 */
export function findAcknowledgement(node: IConstruct, ruleId: string): Acknowledgement | undefined {
  for (let current: IConstruct | undefined = node; current; current = current.node.scope) {
    for (const entry of current.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || typeof entry.data !== 'object' || entry.data === null) {
        continue;
      }
      const found = acknowledgementAmong(entry.data as Record<string, unknown>, ruleId, current.node.path);
      if (found) return found;
    }
  }
  return undefined;
}
