import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ASSETS = join(__dirname, '..', '..', 'assets', 'organization');

describe('the organization audit\'s bundles (what the construct deploys; built by npx projen bundle)', () => {
  test.each(['list-targets', 'audit-target', 'summarize-run'])('%s loads and exports a handler that checks its settings first', async name => {
    const bundle = join(ASSETS, `${name}.lambda`, 'index.js');
    expect(existsSync(bundle) ? bundle : `missing ${bundle}: run npx projen bundle`).toBe(bundle);
    const saved = process.env.MPU_GUARD_ORGANIZATION_AUDIT;
    delete process.env.MPU_GUARD_ORGANIZATION_AUDIT;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { handler } = require(bundle);
      expect(typeof handler).toBe('function');
      await expect(handler({ runId: 'r' }, { getRemainingTimeInMillis: () => 900_000 })).rejects.toThrow(
        'MPU_GUARD_ORGANIZATION_AUDIT is not set: deploy the function with the OrganizationAudit construct');
    } finally {
      if (saved !== undefined) process.env.MPU_GUARD_ORGANIZATION_AUDIT = saved;
    }
  });
});
