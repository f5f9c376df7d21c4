import { parseCliArgs } from '../../../src/cli/mpu-audit/args';
import { NOT_REGIONS, REAL_REGIONS } from '../../fixtures/region-names';

describe('--region', () => {
  test.each([...REAL_REGIONS, 'default'])('takes %s (default: the one region of Ceph RGW)', region => {
    expect(parseCliArgs(['--region', region]).regions).toEqual([region]);
  });

  test.each(NOT_REGIONS.filter(text => text !== 'default'))('refuses %j, naming the option and the value', text => {
    expect(() => parseCliArgs([`--region=${text}`])).toThrow(`--region must be a region name like eu-west-1 (got "${text}")`);
  });
});
