/** The environment as CliIo hands it in. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * An environment variable as every command reads it: an empty one (`AWS_REGION=`) is unset, as
 * the AWS CLI takes it, so that it falls back to the next source instead of being used as a value.
 */
export function envVar(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** The region the environment names: AWS_REGION, else AWS_DEFAULT_REGION; undefined when neither is set. */
export function envRegion(env: Env): string | undefined {
  return envVar(env, 'AWS_REGION') ?? envVar(env, 'AWS_DEFAULT_REGION');
}
