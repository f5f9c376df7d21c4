import { summarizeRunHandler } from './runtime/organization-handlers';
import { sdkDependencies } from './runtime/sdk-dependencies';

/** OrganizationAudit's last step on the real clients. */
export const handler = summarizeRunHandler(sdkDependencies);
