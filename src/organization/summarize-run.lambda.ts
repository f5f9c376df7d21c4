import { summarizeRunHandler } from './organization-handlers';
import { sdkDependencies } from './sdk-dependencies';

/** OrganizationAudit's last step on the real clients. */
export const handler = summarizeRunHandler(sdkDependencies);
