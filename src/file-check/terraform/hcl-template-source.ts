/** The start of a heredoc inside an interpolation: `<<EOT` or `<<-EOT`, then a line break. */
const HEREDOC_START = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/;

/** What the scan of an interpolation is inside: code (its open braces counted), a quoted string, or a heredoc. */
type Frame =
  | { kind: 'code'; braces: number }
  | { readonly kind: 'string' }
  | { readonly kind: 'heredoc'; readonly marker: string };

/**
 * A string of a block body as the HCL parser gives it (or as a `.tf.json` file writes it) as the
 * source of a quoted HCL template. The literal text between interpolations is unescaped there
 * (`"`, `\`, line breaks are themselves) and is escaped again here; the `${...}` and `%{...}`
 * sequences are expression source as written, kept as they are: a line break inside one is white
 * space, and turning it into `\n` made every expression written over several lines unreadable.
 */
export function quotedTemplateSource(value: string): string {
  let source = '"';
  let at = 0;
  while (at < value.length) {
    const char = value[at];
    if ((char === '$' || char === '%') && value[at + 1] === char && value[at + 2] === '{') {
      source += value.slice(at, at + 3);
      at += 3;
    } else if ((char === '$' || char === '%') && value[at + 1] === '{') {
      const end = interpolationEnd(value, at + 2);
      source += value.slice(at, end);
      at = end;
    } else {
      source += ESCAPES[char] ?? char;
      at++;
    }
  }
  return `${source}"`;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r' };

/**
 * The index after the `}` that closes the interpolation whose source starts at `from`, or the end
 * of the text when none does (the parser then says it cannot read it). Quoted strings, heredocs
 * and comments inside it are skipped, so that their braces do not count. Iterative: the text is
 * the input's.
 */
function interpolationEnd(text: string, from: number): number {
  const stack: Frame[] = [{ kind: 'code', braces: 0 }];
  let at = from;
  while (at < text.length) {
    const frame = stack[stack.length - 1];
    const char = text[at];
    if (frame.kind === 'string') {
      if (char === '\\') {
        at += 2;
      } else if ((char === '$' || char === '%') && text[at + 1] === char && text[at + 2] === '{') {
        at += 3;
      } else if ((char === '$' || char === '%') && text[at + 1] === '{') {
        stack.push({ kind: 'code', braces: 0 });
        at += 2;
      } else {
        if (char === '"') stack.pop();
        at++;
      }
      continue;
    }
    if (frame.kind === 'heredoc') {
      const lineStart = at === 0 || text[at - 1] === '\n';
      if (lineStart && text.slice(at, endOfLine(text, at)).trim() === frame.marker) {
        stack.pop();
        at = endOfLine(text, at);
      } else if ((char === '$' || char === '%') && text[at + 1] === '{' && text[at - 1] !== char) {
        stack.push({ kind: 'code', braces: 0 });
        at += 2;
      } else {
        at++;
      }
      continue;
    }
    if (char === '#' || text.startsWith('//', at)) {
      at = endOfLine(text, at);
    } else if (text.startsWith('/*', at)) {
      const end = text.indexOf('*/', at + 2);
      at = end < 0 ? text.length : end + 2;
    } else if (char === '"') {
      stack.push({ kind: 'string' });
      at++;
    } else if (char === '<' && HEREDOC_START.test(text.slice(at, at + 200))) {
      const start = HEREDOC_START.exec(text.slice(at, at + 200))!;
      stack.push({ kind: 'heredoc', marker: start[1] });
      at += start[0].length;
    } else if (char === '{') {
      frame.braces++;
      at++;
    } else if (char === '}') {
      at++;
      if (frame.braces-- === 0) stack.pop();
      if (stack.length === 0) return at;
    } else {
      at++;
    }
  }
  return text.length;
}

/** The index of the line break that ends the line `at` is on, or the end of the text. */
function endOfLine(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end < 0 ? text.length : end;
}
