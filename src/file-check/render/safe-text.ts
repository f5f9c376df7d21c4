/**
 * What mpu-check prints is read by terminals, CI runners and report viewers, and its input is
 * written by whoever opens a pull request: names, ids, paths and messages that came from the input
 * must not turn into terminal escapes, workflow commands, line breaks, reordered text or links.
 */

/**
 * Characters that end a line, drive a terminal or reorder text: C0 (newline and tab included), DEL
 * and C1, the Unicode line and paragraph separators, and the bidirectional controls.
 */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The same, less C0, which JSON.stringify already writes as `\n`, `\u001b`, ...: the ones a JSON text may still hold as they are. */
const CONTROLS_JSON_KEEPS = /[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A `#` right after a `#`: GitHub's runner takes `##[name]` anywhere in a line as a command, Azure
 * Pipelines `##vso[`, TeamCity `##teamcity[`.
 */
const SECOND_HASH = /(?<=#)#/g;

/**
 * Blanks, then the `:` that starts `::`: GitHub's runner trims a line's start (any white space) and
 * takes `::name ...::` as a workflow command. `\s` holds every character .NET's TrimStart removes
 * (C0 and C1 controls are escaped before this is applied), and U+FEFF, which a stream may take as a
 * byte order mark.
 */
const LEADING_COMMAND = /^(\s*):(?=:)/;

const hex = (char: string, digits: number) => char.codePointAt(0)!.toString(16).toUpperCase().padStart(digits, '0');

/** `\x1B` for a character below U+0100, `\u{202E}` above: visible, one line, in the order written. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, char => (char.charCodeAt(0) < 0x100 ? `\\x${hex(char, 2)}` : `\\u{${hex(char, 4)}}`));
}

/**
 * One line of the text report or of stderr, whatever its fields hold: controls escaped (so it stays
 * one line and the terminal shows it as written), no `##` (`#\x23`), and no `::` at its start
 * after blanks (`\x3A:`).
 */
export function safeLine(line: string): string {
  return escapeControls(line).replace(SECOND_HASH, '\\x23').replace(LEADING_COMMAND, '$1\\x3A');
}

/**
 * A serialized JSON text that parses back to the same data, with nothing a log or a terminal would
 * act on: DEL, C1, the line separators and the bidirectional controls as `\uXXXX` (JSON.stringify
 * escapes only C0), and the second `#` of `##` as `\u0023`. Both occur only inside strings, where
 * the escapes are valid JSON; no line of JSON.stringify's output starts with `:`.
 */
export function safeJson(serialized: string): string {
  return serialized
    .replace(CONTROLS_JSON_KEEPS, char => `\\u${hex(char, 4).toLowerCase()}`)
    .replace(SECOND_HASH, '\\u0023');
}

/**
 * Text for a SARIF plain text message (`message.text`), which viewers render with embedded links
 * `[text](target)` (SARIF 2.1.0 §3.11.6): `\`, `[` and `]` escaped with a backslash as the spec
 * escapes them in link text (and as CodeQL writes its messages, so its viewer shows them back as they
 * were), a `(` right after a `]` escaped too, for viewers that match `[...](...)` without reading
 * the escapes, and controls escaped as in safeLine: the viewer shows what it parses.
 */
export function sarifMessageText(text: string): string {
  return escapeControls(text.replace(/[\\[\]]/g, '\\$&').replace(/\\\]\(/g, '\\]\\('));
}

/**
 * Text that a GitLab Code Quality view may render as Markdown (or as HTML, or with its own
 * `%{name}` styling tokens): the CommonMark inline metacharacters backslash-escaped (`\` `` ` `` `*`
 * `~` `[` `]` `<` `>` `&`, and `_` unless between two letters or digits, where it never emphasizes),
 * `%{` broken as `%\{`, and controls escaped as in safeLine, so that it stays one line of text.
 */
export function markdownText(text: string): string {
  const escaped = text
    .replace(/[\\`*~[\]<>&]/g, '\\$&')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
    .replace(/%\{/g, '%\\{');
  return escapeControls(escaped);
}
