import { SettingsReader } from '../../lambda/runtime/settings-reader';

/** What the OrganizationAudit construct hands its functions, as JSON in one environment variable. */
export interface OrganizationAuditSettings {
  readonly reportBucket: string;
  readonly regions: string[];
  readonly memberRoleName: string;
  /** The partition of the member roles' ARNs (aws, aws-cn, aws-us-gov). */
  readonly partition: string;
  readonly olderThanSeconds: number;
  readonly maxDays: number;
  /** Requests in flight at once, per account and region. */
  readonly concurrency: number;
}

export const ORGANIZATION_SETTINGS_VARIABLE = 'MPU_GUARD_ORGANIZATION_AUDIT';

/** Reads and checks the settings; garbled settings fail the step with a message naming the field. */
export function parseOrganizationSettings(json: string | undefined): OrganizationAuditSettings {
  const read = new SettingsReader(ORGANIZATION_SETTINGS_VARIABLE, json, 'OrganizationAudit');
  return {
    reportBucket: read.text('reportBucket'),
    regions: read.texts('regions', 1),
    memberRoleName: read.text('memberRoleName'),
    partition: read.text('partition'),
    olderThanSeconds: read.whole('olderThanSeconds', 0),
    maxDays: read.whole('maxDays', 1),
    concurrency: read.whole('concurrency', 1),
  };
}
