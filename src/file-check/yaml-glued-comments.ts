import { YamlCst } from './parsers';

/** The lexer's markers (byte order mark, document start, flow end, scalar): a comment after one is at the start of its line. */
const MARKERS = new Set<string>([YamlCst.BOM, YamlCst.DOCUMENT, YamlCst.FLOW_END, YamlCst.SCALAR]);
const [HASH, PERCENT, SPACE, TAB, LF, CR] = ['#', '%', ' ', '\t', '\n', '\r'].map(char => char.charCodeAt(0));
const YAML_DIRECTIVE = /^%YAML[ \t]/;

/**
 * Fed the YAML library's lexemes in order, gives each back, except that a comment that follows
 * another token with no white space between becomes as many spaces: `'a'#note`, `"a"#note`,
 * `[a]#note`, `{a: 1}#note`, `[a,#note`, `|#note` and `%YAML 1.1#note`. YAML 1.2 (and so the
 * library) wants white space before a comment; PyYAML with libyaml, which cfn-lint reads
 * templates with, starts a comment at any `#` between tokens, and CloudFormation deploys such
 * templates. The lexer has already decided that the `#` starts a comment (not inside a scalar, an
 * anchor or a tag), so the text is read as if the comment were trailing spaces, and every offset
 * and line stays where it was.
 */
export class GluedComments {
  /** The last lexeme that is text ends in a character that is not white space. */
  private glued = false;
  /** No document has started: a line that starts with `%` is a directive. */
  private directives = true;

  rewrite(lexeme: string): string {
    const first = lexeme.charCodeAt(0);
    if (first === HASH && this.glued) {
      this.glued = false;
      return ' '.repeat(lexeme.length);
    }
    if (first === PERCENT && this.directives && YAML_DIRECTIVE.test(lexeme)) {
      // The lexer keeps a `#` with no white space before it in the directive (a version is digits
      // and a dot); the library trims the directive's line.
      const hash = lexeme.indexOf('#');
      return hash < 0 ? lexeme : lexeme.slice(0, hash) + ' '.repeat(lexeme.length - hash);
    }
    if (lexeme.length === 1 && MARKERS.has(lexeme)) {
      if (lexeme === YamlCst.DOCUMENT) this.directives = false;
    } else if (lexeme !== '') {
      const last = lexeme.charCodeAt(lexeme.length - 1);
      this.glued = last !== SPACE && last !== TAB && last !== LF && last !== CR;
    }
    return lexeme;
  }
}
