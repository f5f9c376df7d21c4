/** A top-level block of a `.tf` file, where it is written. */
export interface HclBlockPlace {
  /** `resource`, `module`, `variable`, ... */
  readonly kind: string;
  /** Its labels: `["aws_s3_bucket", "logs"]`. */
  readonly labels: readonly string[];
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
}

export interface HclComment {
  readonly line: number;
  readonly text: string;
  /** Nothing but blanks before it on its line. */
  readonly ownLine: boolean;
}

export interface HclSourceMap {
  readonly blocks: readonly HclBlockPlace[];
  readonly comments: readonly HclComment[];
}

/**
 * Finds the top-level blocks of an HCL file and its comments, by their lines: the parser gives
 * the blocks' contents but neither positions nor comments. Strings (interpolations included),
 * heredocs and comments are skipped so that their braces do not count.
 */
export function scanHclSource(text: string): HclSourceMap {
  return new HclScanner(text).scan();
}

class HclScanner {
  private at = 0;
  private line = 1;
  private lineStart = 0;
  private readonly blocks: HclBlockPlace[] = [];
  private readonly comments: HclComment[] = [];

  constructor(private readonly text: string) {}

  scan(): HclSourceMap {
    let header: { words: string[]; line: number; column: number } | undefined;
    let depth = 0;
    let open: { kind: string; labels: string[]; line: number; column: number } | undefined;
    while (this.at < this.text.length) {
      const char = this.text[this.at];
      if (this.skipTrivia()) continue;
      if (char === '"') {
        const start = this.at + 1;
        this.skipString();
        if (depth === 0) header?.words.push(this.text.slice(start, this.at - 1));
        continue;
      }
      if (char === '<' && this.text.startsWith('<<', this.at)) {
        this.skipHeredoc();
        continue;
      }
      if (char === '{') {
        if (depth === 0 && header !== undefined) {
          const [kind, ...labels] = header.words;
          open = { kind, labels, line: header.line, column: header.column };
        }
        header = undefined;
        depth++;
      } else if (char === '}') {
        depth = Math.max(0, depth - 1);
        if (depth === 0 && open !== undefined) {
          this.blocks.push({ ...open, endLine: this.line });
          open = undefined;
        }
      } else if (depth === 0 && /[A-Za-z_]/.test(char)) {
        const word = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.at, this.at + 200))![0];
        header ??= { words: [], line: this.line, column: this.at - this.lineStart + 1 };
        header.words.push(word);
        this.at += word.length;
        continue;
      } else if (depth === 0 && char === '=') {
        header = undefined;
      }
      this.advance();
    }
    return { blocks: this.blocks, comments: this.comments };
  }

  /** Skips blanks and comments, recording the comments; true when it skipped something. */
  private skipTrivia(): boolean {
    const char = this.text[this.at];
    if (char === '\n' || char === ' ' || char === '\t' || char === '\r') {
      this.advance();
      return true;
    }
    const two = this.text.slice(this.at, this.at + 2);
    if (char === '#' || two === '//') {
      const end = this.text.indexOf('\n', this.at);
      this.comment(this.text.slice(this.at + (char === '#' ? 1 : 2), end < 0 ? undefined : end));
      this.at = end < 0 ? this.text.length : end;
      return true;
    }
    if (two === '/*') {
      const end = this.text.indexOf('*/', this.at + 2);
      this.comment(this.text.slice(this.at + 2, end < 0 ? undefined : end));
      this.advanceTo(end < 0 ? this.text.length : end + 2);
      return true;
    }
    return false;
  }

  private comment(body: string): void {
    const ownLine = this.text.slice(this.lineStart, this.at).trim() === '';
    this.comments.push({ line: this.line, text: body.trim(), ownLine });
  }

  /** From an opening quote to after its closing one, interpolations included. */
  private skipString(): void {
    this.advance();
    while (this.at < this.text.length) {
      const char = this.text[this.at];
      if (char === '\\') {
        this.advance();
        this.advance();
      } else if ((char === '$' || char === '%') && this.text[this.at + 1] === '{') {
        this.advance();
        this.skipInterpolation();
      } else if (char === '"' || char === '\n') {
        this.advance();
        return;
      } else {
        this.advance();
      }
    }
  }

  /** From an interpolation's `{` to after its `}`, nested strings and braces included. */
  private skipInterpolation(): void {
    let depth = 0;
    while (this.at < this.text.length) {
      const char = this.text[this.at];
      if (char === '"') {
        this.skipString();
        continue;
      }
      if (char === '{') depth++;
      if (char === '}' && --depth === 0) {
        this.advance();
        return;
      }
      this.advance();
    }
  }

  private skipHeredoc(): void {
    const match = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(this.text.slice(this.at, this.at + 200));
    if (!match) {
      this.advance();
      return;
    }
    this.advanceTo(this.at + match[0].length);
    while (this.at < this.text.length) {
      const end = this.text.indexOf('\n', this.at);
      const lineText = this.text.slice(this.at, end < 0 ? undefined : end);
      this.advanceTo(end < 0 ? this.text.length : end + 1);
      if (lineText.trim() === match[1]) return;
    }
  }

  private advanceTo(position: number): void {
    while (this.at < position) this.advance();
  }

  private advance(): void {
    if (this.text[this.at] === '\n') {
      this.line++;
      this.lineStart = this.at + 1;
    }
    this.at++;
  }
}
