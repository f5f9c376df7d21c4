import { roleArn } from './aws-name-parsers';
import { httpUrl, nonEmpty, wholeNumber } from './value-parsers';
import { DEFAULT_READ_TIMEOUT_MS, S3ConnectionOptions } from '../../s3/sdk-s3';

/** How to reach S3, as the commands' options give it; the region is the run's own. */
export type S3Connection = Pick<S3ConnectionOptions, 'profile' | 'roleArn' | 'endpointUrl' | 'forcePathStyle' | 'maxAttempts' | 'readTimeoutMs'>;

/** The options every command that calls S3 takes to reach it, the same in mpu-audit and mpu-upload. */
export function connectionOptions(section: string, defaultMaxAttempts: number) {
  return {
    'profile': {
      kind: 'string',
      valueName: 'NAME',
      parse: nonEmpty('give a profile name from aws configure list-profiles, or drop --profile'),
      help: { section, lines: ['a profile from the AWS shared config files'] },
    },
    'role-arn': { kind: 'string', valueName: 'ARN', parse: roleArn, help: { section, lines: ['assume this role for every request'] } },
    'endpoint-url': {
      kind: 'string',
      valueName: 'URL',
      parse: httpUrl('http://localhost:7480'),
      help: { section, lines: ['an S3-compatible endpoint (path-style addressing by default)'] },
    },
    'force-path-style': { kind: 'flag', help: { section, lines: ['path-style addressing without --endpoint-url'] } },
    'max-attempts': {
      kind: 'string',
      valueName: 'N',
      parse: wholeNumber(1, 100),
      default: defaultMaxAttempts,
      help: { section, lines: ['attempts per request, retried with backoff'], showDefault: true },
    },
    'read-timeout': {
      kind: 'string',
      valueName: 'SECONDS',
      parse: wholeNumber(1, 3_600),
      default: DEFAULT_READ_TIMEOUT_MS / 1000,
      help: { section, lines: ['cut and retry a request whose server sends nothing for this long'], showDefault: true },
    },
  } as const;
}

/** The parsed values of connectionOptions(). */
export interface ConnectionValues {
  readonly profile?: string;
  readonly roleArn?: string;
  readonly endpointUrl?: string;
  readonly forcePathStyle: boolean;
  readonly maxAttempts: number;
  readonly readTimeout: number;
}

export function s3ConnectionOf(options: ConnectionValues): S3Connection {
  return {
    profile: options.profile,
    roleArn: options.roleArn,
    endpointUrl: options.endpointUrl,
    // Without the flag, undefined: path-style is then on with --endpoint-url and off without.
    forcePathStyle: options.forcePathStyle || undefined,
    maxAttempts: options.maxAttempts,
    readTimeoutMs: options.readTimeout * 1000,
  };
}
