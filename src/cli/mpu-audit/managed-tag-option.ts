import { ManagedTag, parseManagedTag } from '../../audit/managed-by';
import { ValueParser } from '../options/option-table';
import { UsageError } from '../options/usage-error';

/** `--managed-tag KEY[=VALUE]`. */
export const managedTag: ValueParser<ManagedTag> = (flag, text) => {
  try {
    return parseManagedTag(text);
  } catch (error) {
    throw new UsageError(`${flag} ${(error as Error).message}`);
  }
};
