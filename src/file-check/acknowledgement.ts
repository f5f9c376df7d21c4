import { Acknowledgement } from '../policy/acknowledgement';
import { isRecord } from '../policy/fields';

/** The metadata key under which a template acknowledges a rule on a resource. */
const ACKNOWLEDGE_METADATA_KEY = 'cdk-mpu-guard';

/**
 * The acknowledgement of `ruleId` in a resource's `Metadata`:
 * `cdk-mpu-guard: { acknowledge: [{ id: MultipartUpload-MPU1, reason: ... }] }`, the shape of
 * CDK's `Validations.of(scope).acknowledge({ id, reason })`. A malformed entry is returned as
 * an acknowledgement without reason, so that it is refused with a message rather than ignored.
 */
export function acknowledgementInMetadata(metadata: unknown, ruleId: string): Acknowledgement | undefined {
  if (!isRecord(metadata) || metadata[ACKNOWLEDGE_METADATA_KEY] === undefined) {
    return undefined;
  }
  const where = `Metadata.${ACKNOWLEDGE_METADATA_KEY}`;
  const block = metadata[ACKNOWLEDGE_METADATA_KEY];
  const entries = isRecord(block) ? block.acknowledge : undefined;
  if (!Array.isArray(entries)) {
    return { reason: '', where: `${where} (it must be { acknowledge: [{ id, reason }] })` };
  }
  const entry = entries.find(item => isRecord(item) && item.id === ruleId);
  if (entry === undefined) {
    return undefined;
  }
  const reason = (entry as Record<string, unknown>).reason;
  return { reason: typeof reason === 'string' ? reason : '', where };
}
