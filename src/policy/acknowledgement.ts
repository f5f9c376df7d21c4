/**
 * An acknowledgement of a rule on a bucket, wherever it was made (CDK's
 * `Validations.of(scope).acknowledge()`, a template's Metadata, a Terraform comment): its reason,
 * and where it was made, for the messages. Every front-end refuses one without a reason.
 */
export interface Acknowledgement {
  /** Possibly blank: then the acknowledgement is refused. */
  readonly reason: string;
  /** Where it was made: a construct path, `Metadata.cdk-mpu-guard`, `the comment at main.tf:3`. */
  readonly where: string;
}

/** Whether the acknowledgement holds: a blank reason refuses it. */
export function hasReason(acknowledgement: Acknowledgement): boolean {
  return acknowledgement.reason.trim() !== '';
}

/**
 * The acknowledgement of `ruleId` among the rules `Validations.of(scope).acknowledge()` recorded
 * on one construct (`{ id: reason }`), made at `where`. aws-cdk-lib records ids as
 * 'annotation::Id' (older) or 'Annotation::Id' (newer).
 */
export function acknowledgementAmong(acknowledged: Readonly<Record<string, unknown>>, ruleId: string, where: string): Acknowledgement | undefined {
  const id = Object.keys(acknowledged).find(key => key.replace(/^annotation::/i, '') === ruleId);
  if (id === undefined) return undefined;
  const reason = acknowledged[id];
  return { reason: typeof reason === 'string' ? reason : '', where };
}
