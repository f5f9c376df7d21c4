import { listTargetsHandler } from './organization-handlers';
import { sdkDependencies } from './sdk-dependencies';

/** OrganizationAudit's first step on the real clients. */
export const handler = listTargetsHandler(sdkDependencies);
