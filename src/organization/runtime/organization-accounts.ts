import { AccountRegion } from './account-region-audit';
import { ListAccountsCommand, OrganizationsClient } from '../../s3/aws-sdk';

/** An active member account of the organization. */
export interface OrganizationAccount {
  readonly id: string;
  readonly name: string;
}

/** The one call the organization audit makes to AWS Organizations, behind a port so tests can fake it. */
export interface OrganizationAccounts {
  /** Every ACTIVE account, every page. */
  listActiveAccounts(): Promise<OrganizationAccount[]>;
}

/** AWS Organizations through the SDK; must run in the management account or a delegated administrator. */
export class SdkOrganizationAccounts implements OrganizationAccounts {
  constructor(private readonly client: OrganizationsClient = new OrganizationsClient({})) {}

  public async listActiveAccounts(): Promise<OrganizationAccount[]> {
    const accounts: OrganizationAccount[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListAccountsCommand({ NextToken: token }));
      for (const account of page.Accounts ?? []) {
        // `State` replaces `Status` (deprecated); older answers carry only `Status`.
        const state = account.State ?? account.Status;
        if (account.Id && state === 'ACTIVE') accounts.push({ id: account.Id, name: account.Name ?? '' });
      }
      token = page.NextToken;
    } while (token);
    return accounts.sort((a, b) => a.id.localeCompare(b.id));
  }
}

/** Every account crossed with every region: the organization audit's units of work. */
export function accountRegions(accounts: readonly OrganizationAccount[], regions: readonly string[]): AccountRegion[] {
  return accounts.flatMap(account => regions.map(region => ({ accountId: account.id, accountName: account.name, region })));
}

/** The ARN of the audit role in a member account. */
export function memberRoleArn(accountId: string, roleName: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}
