import { ValueParser } from './option-table';
import { UsageError } from './usage-error';
import { parseDuration } from '../../audit/duration';

const SIZE_UNITS: Record<string, number> = { '': 1, 'B': 1, 'KiB': 2 ** 10, 'MiB': 2 ** 20, 'GiB': 2 ** 30, 'TiB': 2 ** 40 };

/** A whole number from `min` to `max`: `--concurrency 16`. */
export function wholeNumber(min: number, max: number): ValueParser<number> {
  return (flag, text) => {
    if (!/^\d+$/.test(text) || Number(text) < min) {
      throw new UsageError(`${flag} must be a whole number >= ${min} (got "${text}")`);
    }
    if (Number(text) > max) {
      throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${text}")`);
    }
    return Number(text);
  };
}

/** Seconds, written `0s`, `90m`, `24h` or `7d`, at most `maxDays`. */
export function duration(maxDays: number): ValueParser<number> {
  return (flag, text) => {
    let seconds: number;
    try {
      seconds = parseDuration(flag, text);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (seconds > maxDays * 86400) {
      throw new UsageError(`${flag} must be at most ${maxDays}d, like 90m, 24h or 7d (got "${text}")`);
    }
    return seconds;
  };
}

/** Bytes, written with binary units: `500MiB`. `10MB` is refused with the binary spelling. */
export const size: ValueParser<number> = (flag, text) => {
  const match = /^(\d+)\s*(B|KiB|MiB|GiB|TiB)?$/.exec(text);
  if (!match) {
    const decimal = /^(\d+)\s*([KMGT])B$/i.exec(text);
    const hint = decimal ? `; sizes are binary here, so write ${decimal[1]}${decimal[2].toUpperCase()}iB` : '';
    throw new UsageError(`${flag} must be a number of bytes, optionally with B, KiB, MiB, GiB or TiB, like 500MiB (got "${text}"${hint})`);
  }
  const bytes = Number(match[1]) * SIZE_UNITS[match[2] ?? ''];
  if (!Number.isSafeInteger(bytes)) {
    throw new UsageError(`${flag} must be at most ${Number.MAX_SAFE_INTEGER} bytes, about 8 PiB (got "${text}")`);
  }
  return bytes;
};

/** Any text but a blank one; `fix` says what to give instead. */
export function nonEmpty(fix: string): ValueParser<string> {
  return (flag, text) => {
    if (text.trim() === '') throw new UsageError(`${flag} must not be empty: ${fix}`);
    return text;
  };
}

/** One of `choices`, spelled exactly. */
export function oneOf<C extends string>(choices: readonly C[]): ValueParser<C> {
  return (flag, text) => {
    if (!(choices as readonly string[]).includes(text)) throw new UsageError(`${flag} must be one of ${choices.join(', ')} (got "${text}")`);
    return text as C;
  };
}

/** Text that matches `pattern`; `what` says what it must be, e.g. `an IAM role ARN like arn:aws:iam::123456789012:role/Audit`. */
export function matching(pattern: RegExp, what: string): ValueParser<string> {
  return (flag, text) => {
    if (!pattern.test(text)) throw new UsageError(`${flag} must be ${what} (got "${text}")`);
    return text;
  };
}

/** An http:// or https:// URL. */
export function httpUrl(example: string): ValueParser<string> {
  return (flag, text) => {
    if (!isHttpUrl(text)) throw new UsageError(`${flag} must be an http:// or https:// URL, like ${example} (got "${text}")`);
    return text;
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
