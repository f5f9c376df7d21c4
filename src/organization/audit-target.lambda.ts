import { auditTargetHandler } from './runtime/organization-handlers';
import { sdkDependencies } from './runtime/sdk-dependencies';

/** OrganizationAudit's worker on the real clients: one account and region per invocation. */
export const handler = auditTargetHandler(sdkDependencies);
