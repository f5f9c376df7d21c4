import { MPU_AUDIT } from '../../../src/cli/mpu-audit/command';
import { parseOptions } from '../../../src/cli/options/parse-options';
import { NOT_REGIONS, REAL_REGIONS } from '../../fixtures/region-names';

const parseCliArgs = (argv: string[]) => parseOptions(MPU_AUDIT, argv);

describe('--region', () => {
  test.each([...REAL_REGIONS, 'default'])('takes %s (default: the one region of Ceph RGW)', region => {
    expect(parseCliArgs(['--region', region]).region).toEqual([region]);
  });

  test.each(NOT_REGIONS.filter(text => text !== 'default'))('refuses %j, naming the option and the value', text => {
    expect(() => parseCliArgs([`--region=${text}`])).toThrow(`--region must be a region name like eu-west-1 (got "${text}")`);
  });
});
