import { listTargetsHandler } from './runtime/organization-handlers';
import { sdkDependencies } from './runtime/sdk-dependencies';

/** OrganizationAudit's first step on the real clients. */
export const handler = listTargetsHandler(sdkDependencies);
