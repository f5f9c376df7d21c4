/**
 * Uploads kept on purpose: resumable uploads (the CRT's pause and resume, lib-storage's
 * `leavePartsOnError`) are incomplete for a while by design, so the clean-up must leave them
 * alone even when they are older than the age floor. One pure module, used by mpu-audit and
 * by OrphanedUploadsMonitor alike.
 */
import type { UploadPrincipal } from '../s3/s3-port';

/** What an upload is matched on. */
export interface KeepCandidate {
  readonly key: string;
  readonly initiator?: UploadPrincipal | null;
  readonly owner?: UploadPrincipal | null;
}

/** Which uploads to keep, and how the reason names each rule (`--exclude-prefix`, `keepUploadsUnderPrefixes`). */
export interface KeepRules {
  /** Keep an upload whose key starts with one of these. */
  readonly prefixes: readonly string[];
  /**
   * Keep an upload whose Initiator.ID or Owner.ID is one of these. An IAM role ARN
   * (`arn:aws:iam::ACCOUNT:role/PATH/ROLE`) also keeps every session of that role
   * (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`). ARNs are compared without regard to case,
   * as IAM compares its names; other IDs exactly.
   */
  readonly initiators: readonly string[];
  /** The name of the prefix rule in reasons; default `--exclude-prefix`. */
  readonly prefixRuleName?: string;
  /** The name of the initiator rule in reasons; default `--keep-initiator`. */
  readonly initiatorRuleName?: string;
}

/** The reason an upload is kept, or null when the rules do not keep it. */
export type KeepReason = (upload: KeepCandidate) => string | null;

/** The shapes of ARN an upload's Initiator or Owner can have, and a role to stand for all its sessions. */
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:(?:iam::\d{12}:(?:root|user\/.+|role\/.+)|sts::\d{12}:(?:assumed-role\/[^/]+\/[^/]+|federated-user\/.+))$/;
const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;
const ASSUMED_ROLE_ARN = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;

/**
 * Why `value` cannot be a keep-initiator, or undefined when it can: any non-empty ID (Ceph RGW
 * reports its user ids, AWS canonical user IDs for accounts), and for a value starting with
 * `arn:` the shape of an IAM user, role, root, assumed-role or federated-user ARN.
 */
export function initiatorProblem(value: string): string | undefined {
  if (value.trim() === '') return 'must not be empty';
  if (value !== value.trim()) return 'must not start or end with a space';
  if (!value.toLowerCase().startsWith('arn:')) return undefined;
  if (PRINCIPAL_ARN.test(value)) return undefined;
  return 'must be an IAM user or role ARN (arn:aws:iam::123456789012:role/Uploader, keeping every session of the role), '
    + 'an assumed-role ARN (arn:aws:sts::123456789012:assumed-role/Uploader/SESSION) or the Initiator ID ListMultipartUploads reports';
}

/** The reason function of `rules`; undefined when they keep nothing, so that callers skip the check. */
export function keepReasonOf(rules: KeepRules | undefined): KeepReason | undefined {
  if (!rules || (rules.prefixes.length === 0 && rules.initiators.length === 0)) return undefined;
  const prefixRule = rules.prefixRuleName ?? '--exclude-prefix';
  const initiatorRule = rules.initiatorRuleName ?? '--keep-initiator';
  const matchers = rules.initiators.map(principalMatcher);
  return upload => {
    const prefix = rules.prefixes.find(p => upload.key.startsWith(p));
    if (prefix !== undefined) return `key under ${prefixRule} ${prefix}`;
    for (const [role, principal] of [['initiated by', upload.initiator], ['owned by', upload.owner]] as const) {
      if (!principal?.id) continue;
      const index = matchers.findIndex(matches => matches(principal.id));
      if (index < 0) continue;
      const rule = rules.initiators[index];
      return `${role} ${principal.id} (${initiatorRule}${rule === principal.id ? '' : ` ${rule}`})`;
    }
    return null;
  };
}

/** A test for one keep-initiator value: exact for IDs, case-blind for ARNs, and a role ARN for each of its sessions. */
function principalMatcher(rule: string): (id: string) => boolean {
  if (!rule.toLowerCase().startsWith('arn:')) return id => id === rule;
  const lower = rule.toLowerCase();
  const role = ROLE_ARN.exec(lower);
  return id => {
    const candidate = id.toLowerCase();
    if (candidate === lower) return true;
    if (!role) return false;
    const session = ASSUMED_ROLE_ARN.exec(candidate);
    // An assumed-role ARN drops the role's path: the partition, the account and the name decide.
    return session !== null && session[1] === role[1] && session[2] === role[2] && session[3] === role[3];
  };
}
