import { ValueParser } from './option-table';
import { UsageError } from './usage-error';
import { matching, nonEmpty } from './value-parsers';

/** A region name, or `default` (the region RGW names itself). */
export const regionName = matching(/^[a-z]{2}(-[a-z0-9]+)+-\d+$|^default$/, 'a region name like eu-west-1');

export const roleArn = matching(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'an IAM role ARN like arn:aws:iam::123456789012:role/Audit');

export const roleName = matching(/^[\w+=,.@-]{1,64}$/, 'an IAM role name: 1 to 64 letters, digits and + = , . @ _ -');

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
