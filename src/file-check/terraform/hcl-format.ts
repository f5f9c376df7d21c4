import { jsonText, numberText, TextNotFollowed } from './hcl-json-text';
import { EvaluationError, TerraformValue } from './terraform-value';
import { INPUT_LIMITS } from '../input-limits';

/** `%`, flags, width, `.precision`, verb; Terraform's `%[n]` argument indexes and `*` widths are not followed. */
const VERB = /%([-+ 0#]*)(\d*)(?:\.(\d*))?([a-zA-Z%])|%(.?)/g;

/**
 * Terraform's format() (go-cty's, after Go's fmt) for the verbs modules use: %s %q %v %d %t %f,
 * and %x %X %o %b of whole numbers, with the flags - + space 0, width and precision. Anything
 * else it formats differently (fractions rounded as its arbitrary-precision numbers round them,
 * %e, %g, %#v, `%[2]s`, a null argument) throws TextNotFollowed; what Terraform refuses (a
 * wrong argument, too few or too many) throws EvaluationError.
 */
export function formatted(spec: string, args: readonly TerraformValue[], expression: string): string {
  let next = 0;
  let length = spec.length;
  type Part = string | undefined;
  const text = spec.replace(VERB, (_match, flags: Part, width: Part, precision: Part, verb: Part) => {
    if (verb === undefined) throw new TextNotFollowed('mpu-check does not follow format\'s %[n] and %* forms');
    if (verb === '%') return '%';
    if (flags!.includes('#')) throw new TextNotFollowed('mpu-check does not follow format\'s # flag');
    if (next >= args.length) throw new EvaluationError(`${expression}: too few arguments for the format`);
    const arg = args[next++];
    if (arg === null) throw new TextNotFollowed('Terraform leaves format() of a null argument unknown');
    const [widthValue, precisionValue] = [Number(width || 0), precision === undefined ? undefined : Number(precision || 0)];
    length += Math.max(widthValue, precisionValue ?? 0);
    if (length > INPUT_LIMITS.valueLength) throw new TextNotFollowed(`it makes a text longer than the ${INPUT_LIMITS.valueLength} characters mpu-check evaluates`);
    const body = formattedValue(verb, arg, flags!, precisionValue, expression);
    length += body.length;
    return padded(body, flags!, widthValue, verb);
  });
  if (next < args.length) throw new EvaluationError(`${expression}: too many arguments for the format`);
  return text;
}

function formattedValue(verb: string, arg: TerraformValue, flags: string, precision: number | undefined, expression: string): string {
  switch (verb) {
    case 's':
      return precision === undefined ? primitive(arg, expression) : [...primitive(arg, expression)].slice(0, precision).join('');
    case 'q':
      return quoted(primitive(arg, expression));
    case 'v':
      return typeof arg === 'object' && arg !== null ? jsonText(arg) : primitive(arg, expression);
    case 't': {
      const text = primitive(arg, expression);
      if (text !== 'true' && text !== 'false') throw new EvaluationError(`${expression}: %t needs a bool`);
      return text;
    }
    case 'd':
    case 'x':
    case 'X':
    case 'o':
    case 'b': {
      if (precision !== undefined) throw new TextNotFollowed(`mpu-check does not follow a precision on %${verb}`);
      const digits = signed(wholeNumber(arg, expression), { d: 10, x: 16, X: 16, o: 8, b: 2 }[verb], flags);
      return verb === 'X' ? digits.toUpperCase() : digits;
    }
    case 'f':
      return signed(fixed(number(arg, expression), precision ?? 6), 10, flags);
    default:
      // %e %g and the rest: Terraform formats a number with its own precision; a verb it does not know it refuses.
      if ('eEgG'.includes(verb)) throw new TextNotFollowed(`mpu-check does not follow format's %${verb}`);
      throw new EvaluationError(`${expression}: unsupported format verb %${verb}`);
  }
}

function primitive(arg: TerraformValue, expression: string): string {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'boolean') return String(arg);
  if (typeof arg === 'number') return numberText(arg);
  throw new EvaluationError(`${expression}: a list or object where format needs a string`);
}

function number(arg: TerraformValue, expression: string): number {
  const value = typeof arg === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(arg) ? Number(arg) : arg;
  if (typeof value !== 'number') throw new EvaluationError(`${expression}: format needs a number`);
  return value;
}

function wholeNumber(arg: TerraformValue, expression: string): number {
  const value = number(arg, expression);
  if (!Number.isInteger(value)) throw new EvaluationError(`${expression}: %d needs a whole number`);
  numberText(value);
  return value;
}

/** A fraction with `precision` digits, when no rounding is needed (Terraform rounds its own, more precise, numbers). */
function fixed(value: number, precision: number): string {
  const [, fraction = ''] = numberText(value).split('.');
  if (fraction.length > precision || precision > 100) throw new TextNotFollowed('Terraform rounds its numbers, more precise than a double, otherwise');
  return value.toFixed(precision);
}

/** Digits in `radix`, with `+` or a space before a number >= 0 when the flags ask for one. */
function signed(value: number | string, radix: number, flags: string): string {
  const digits = typeof value === 'string' ? value : value.toString(radix);
  if (digits.startsWith('-')) return digits;
  return flags.includes('+') ? `+${digits}` : flags.includes(' ') ? ` ${digits}` : digits;
}

/** Padded to `width` characters: with spaces on the left, on the right with `-`, with zeros after the sign with `0`. */
function padded(body: string, flags: string, width: number, verb: string): string {
  const missing = width - [...body].length;
  if (missing <= 0) return body;
  if (flags.includes('-')) return body + ' '.repeat(missing);
  if (!flags.includes('0')) return ' '.repeat(missing) + body;
  const sign = 'dfxXob'.includes(verb) && /^[-+ ]/.test(body) ? body[0] : '';
  return sign + '0'.repeat(missing) + body.slice(sign.length);
}

/** Go's %q of a string, where it writes what JSON writes: printable text, \" \\ \n \t \r \b \f. */
function quoted(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0007\u000b\u000e-\u001f\u007f-\u009f\u2028\u2029]/.test(text)) throw new TextNotFollowed('Go quotes control characters otherwise');
  return JSON.stringify(text);
}
