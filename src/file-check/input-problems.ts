import { INPUT_LIMITS } from './input-limits';

/** The most characters of an error's own text an input error repeats. */
const MESSAGE_LENGTH = 200;

/**
 * Why a file is not read for its size, with the limit's reason and, where one exists, the flag that
 * raises it: `file` for JSON files (plans, manifests, `.tf.json`), `hcl` for `.tf` and `.tfvars`.
 */
export function sizeProblem(kind: 'template' | 'file' | 'hcl', size: number, maxBytes: number): string {
  if (kind === 'template') {
    return `is ${size.toLocaleString('en-US')} bytes, more than the ${INPUT_LIMITS.templateBytes.toLocaleString('en-US')} bytes CloudFormation takes in a template: not judged`;
  }
  const flag = kind === 'hcl' ? '--max-hcl-size' : '--max-file-size';
  return `is ${sizeText(size)}, more than ${flag} ${sizeText(maxBytes).replace(' ', '')}: not read (raise ${flag} to read it)`;
}

/** One line for a file or directory the system would not let mpu-check read. */
export function readProblem(error: unknown): string {
  return `cannot read: ${shortMessage(error)}`;
}

/**
 * One line for a failure mpu-check did not expect while judging one input: the other inputs are
 * still checked. The error's own message is kept short, without its stack.
 */
export function judgeProblem(error: unknown): string {
  return `could not be judged: ${shortMessage(error)}`;
}

/** An error's message on one line, at most MESSAGE_LENGTH characters. */
export function shortMessage(error: unknown): string {
  const code = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : undefined;
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
  const oneLine = message.replace(/\s+/g, ' ').trim();
  const text = code !== undefined && !oneLine.startsWith(code) ? `${code}: ${oneLine}` : oneLine;
  return excerpt(text, MESSAGE_LENGTH);
}

/** At most `length` characters of `text`, with `...` when cut. */
export function excerpt(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 3)}...` : text;
}

/** `16 MiB` or `512 KiB` for a whole number of either; else `1.50 MiB`, `700.5 KiB`. */
export function sizeText(bytes: number): string {
  const [kib, mib] = [1024, 1024 * 1024];
  if (bytes % mib === 0) return `${bytes / mib} MiB`;
  if (bytes % kib === 0 && bytes < mib) return `${bytes / kib} KiB`;
  return bytes >= mib ? `${(bytes / mib).toFixed(2)} MiB` : `${(bytes / kib).toFixed(1)} KiB`;
}
