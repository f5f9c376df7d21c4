import { envRegion, envVar } from '../../src/cli/env-var';

describe('envVar: the environment as every command reads it', () => {
  test.each([
    [{ AWS_PROFILE: 'audit' }, 'audit'],
    [{ AWS_PROFILE: '' }, undefined],
    [{}, undefined],
    [{ AWS_PROFILE: ' ' }, ' '],
  ])('%j gives %j', (env, value) => {
    expect(envVar(env, 'AWS_PROFILE')).toBe(value);
  });

  test.each([
    [{ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-west-2' }, 'eu-west-1'],
    [{ AWS_REGION: '', AWS_DEFAULT_REGION: 'us-west-2' }, 'us-west-2'],
    [{ AWS_DEFAULT_REGION: 'us-west-2' }, 'us-west-2'],
    [{ AWS_REGION: '', AWS_DEFAULT_REGION: '' }, undefined],
  ])('envRegion %j gives %j', (env, region) => {
    expect(envRegion(env)).toBe(region);
  });
});
