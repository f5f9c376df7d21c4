import { ValueParser } from './option-table';
import { UsageError } from './usage-error';
import { matching, nonEmpty } from './value-parsers';
import { initiatorProblem } from '../../audit/keep-rules';
import { IAM_ROLE_NAME, IAM_ROLE_NAME_RULE, REGION_NAME, REGION_NAME_EXAMPLE } from '../../facts/input-facts';

/** A region name, or `default`: Ceph RGW, an S3-compatible server, names its one region that, and the CLI audits it too. */
export const regionName: ValueParser<string> = (flag, text) => {
  if (text !== 'default' && !REGION_NAME.test(text)) throw new UsageError(`${flag} must be a region name like ${REGION_NAME_EXAMPLE} (got "${text}")`);
  return text;
};

export const roleArn = matching(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'an IAM role ARN like arn:aws:iam::123456789012:role/Audit');

export const roleName = matching(IAM_ROLE_NAME, `an IAM role name: ${IAM_ROLE_NAME_RULE}`);

/**
 * A bare bucket name: S3 names have no slashes, so `s3://b` and `b/prefix` are typos, answered
 * with the bucket and `prefixOption`.
 */
export function bucketName(options: { readonly ifEmpty: string; readonly prefixOption: string }): ValueParser<string> {
  const notEmpty = nonEmpty(options.ifEmpty);
  return (flag, text) => {
    notEmpty(flag, text);
    const bare = /^(?:s3:\/\/)?([^/]+)\/?(.*)$/.exec(text);
    if (text.includes('/')) {
      const fix = bare ? `${flag} ${bare[1]}${bare[2] ? ` ${options.prefixOption} ${bare[2]}` : ''}` : 'the bare bucket name';
      throw new UsageError(`${flag} takes a bucket name, not a path or URL: write ${fix} (got "${text}")`);
    }
    return text;
  };
}

/** An upload's Initiator or Owner ID to keep (`--keep-initiator`); the shape is checked only for ARNs. */
export const keepInitiator: ValueParser<string> = (flag, text) => {
  const problem = initiatorProblem(text);
  if (problem !== undefined) throw new UsageError(`${flag} ${problem} (got "${text}")`);
  return text;
};
