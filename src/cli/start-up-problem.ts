import { join } from 'node:path';
import { Env, envRegion, envVar } from './env-var';
import { CredentialsRejectedError, describeError, EndpointUnreachableError, isCredentialsError } from '../s3/errors';
import { redactUrlCredentials } from '../s3/url-credentials';

/** What the CLI knows when the first requests fail. */
export interface StartUpContext {
  readonly profile?: string;
  readonly endpointUrl?: string;
  readonly env: Env;
  readonly readFile: (path: string) => string;
}

/**
 * The one line for an error that no request can get past (the endpoint never
 * answered, no credentials, credentials rejected), naming what to change;
 * undefined for any other error. The user and password of --endpoint-url are not in it.
 */
export function startUpProblem(error: unknown, context: StartUpContext): string | undefined {
  const line = problemLine(error, context);
  return line === undefined ? undefined : redactUrlCredentials(line);
}

function problemLine(error: unknown, context: StartUpContext): string | undefined {
  if (error instanceof EndpointUnreachableError) return unreachable(error, context);
  if (error instanceof CredentialsRejectedError) return rejected(error, context);
  if (isCredentialsError(error)) return noCredentials(error, context);
  return undefined;
}

function unreachable(error: EndpointUnreachableError, context: StartUpContext): string {
  if (context.endpointUrl !== undefined) {
    return `--endpoint-url ${context.endpointUrl} cannot be reached (${error.reason}): check the URL (http:// or https://, host and port) and that the server is running`;
  }
  const region = envRegion(context.env);
  return `cannot reach S3 in region ${region ?? 'us-east-1 (the default)'} (${error.reason}): check AWS_REGION and the network (DNS, proxy, firewall), `
    + 'or give --endpoint-url for S3-compatible storage';
}

function rejected(error: CredentialsRejectedError, context: StartUpContext): string {
  const profile = context.profile ?? envVar(context.env, 'AWS_PROFILE');
  const source = context.profile !== undefined ? `--profile ${profile}` : profile !== undefined ? `AWS_PROFILE=${profile}` : 'the environment or the default profile';
  const where = context.endpointUrl !== undefined ? ` by --endpoint-url ${context.endpointUrl}` : '';
  return `the AWS credentials from ${source} were rejected${where} (${error.reason}): check the access key and secret, `
    + `or log in again (aws sso login${profile !== undefined ? ` --profile ${profile}` : ''}) if they have expired`;
}

function noCredentials(error: unknown, context: StartUpContext): string {
  // An empty AWS_PROFILE is no profile (envVar), to the SDK as to the AWS CLI.
  const profile = context.profile ?? envVar(context.env, 'AWS_PROFILE');
  if (profile === undefined) {
    return `no usable AWS credentials: ${describeError(error)}. Set AWS_PROFILE or --profile, or run aws sso login / aws configure.`;
  }
  const source = context.profile !== undefined ? `--profile ${profile}` : `AWS_PROFILE=${profile}`;
  const files = sharedConfigFiles(context.env);
  if (!files.some(file => profilesIn(context, file).has(profile))) {
    return `${source} is not a profile in ${files.join(' or ')}: check the name with aws configure list-profiles`
      + `${context.profile !== undefined ? '' : ', or unset AWS_PROFILE'}`;
  }
  return `no usable AWS credentials from ${source}: ${describeError(error)}. Run aws sso login --profile ${profile}, or aws configure --profile ${profile}.`;
}

/** The files the SDK reads profiles from, as it finds them. */
function sharedConfigFiles(env: StartUpContext['env']): string[] {
  const home = envVar(env, 'HOME') ?? envVar(env, 'USERPROFILE') ?? '~';
  return [...new Set([envVar(env, 'AWS_CONFIG_FILE') ?? join(home, '.aws', 'config'), envVar(env, 'AWS_SHARED_CREDENTIALS_FILE') ?? join(home, '.aws', 'credentials')])];
}

/** `[name]` and `[profile name]` sections; not `[sso-session name]` or `[services name]`. */
function profilesIn(context: StartUpContext, path: string): Set<string> {
  let text: string;
  try {
    text = context.readFile(path);
  } catch {
    return new Set();
  }
  return new Set([...text.matchAll(/^\s*\[\s*(?:profile\s+)?([^\]\s]+)\s*\]/gm)].map(match => match[1]));
}
