import { escapeControls, markdownText, safeJson, safeLine, sarifMessageText } from '../../../src/file-check/render/safe-text';
import { HOSTILE_TEXTS, unsafeLines } from '../../_helpers/hostile-text';

describe('escapeControls', () => {
  test.each([
    ['a\nb\tc\r', 'a\\x0Ab\\x09c\\x0D'],
    ['\x1b[31m\x00\x7f\x85\x9b', '\\x1B[31m\\x00\\x7F\\x85\\x9B'],
    ['\u2028\u2029\u061c\u200e\u200f\u202a\u202e\u2066\u2069', '\\u{2028}\\u{2029}\\u{061C}\\u{200E}\\u{200F}\\u{202A}\\u{202E}\\u{2066}\\u{2069}'],
    ['plain text: é, 日本, \u00a0, emoji \u{1F600}', 'plain text: é, 日本, \u00a0, emoji \u{1F600}'],
  ])('%j is %j', (text, escaped) => {
    expect(escapeControls(text)).toBe(escaped);
  });
});

describe('safeLine', () => {
  test.each([
    ['::error file=x::pwned', '\\x3A:error file=x::pwned'],
    ['  ::stop-commands::t', '  \\x3A:stop-commands::t'],
    ['\u00a0\u3000::error::x', '\u00a0\u3000\\x3A:error::x'],
    ['\ufeff::error::x', '\ufeff\\x3A:error::x'],
    ['\t::error::x', '\\x09::error::x'],
    ['a.yaml:3: ::error::x', 'a.yaml:3: ::error::x'],
    [':single colon', ':single colon'],
    ['##[add-mask]secret', '#\\x23[add-mask]secret'],
    ['x ###vso[y]', 'x #\\x23\\x23vso[y]'],
    ['# one hash', '# one hash'],
    ['Logs\n::error file=x::pwned', 'Logs\\x0A::error file=x::pwned'],
  ])('%j is %j', (line, escaped) => {
    expect(safeLine(line)).toBe(escaped);
  });

  test.each(HOSTILE_TEXTS)('%j: one line, no command, no raw control', text => {
    const line = safeLine(text);
    expect(line).not.toMatch(/\n/);
    expect(unsafeLines(line)).toEqual([]);
  });
});

describe('safeJson', () => {
  test.each(HOSTILE_TEXTS)('%j parses back as it was, and no line of the JSON is unsafe', text => {
    const json = safeJson(JSON.stringify({ text, [text]: [text] }, null, 2));
    expect(JSON.parse(json)).toEqual({ text, [text]: [text] });
    expect(unsafeLines(json)).toEqual([]);
  });

  test('what it changes: DEL, C1, separators and bidirectional controls as \\uXXXX, the second # of ## as \\u0023', () => {
    expect(safeJson(JSON.stringify('\x7f\x9b\u2028\u202e ##[x] ###'))).toBe('"\\u007f\\u009b\\u2028\\u202e #\\u0023[x] #\\u0023\\u0023"');
  });
});

describe('sarifMessageText', () => {
  test.each([
    ['[click](javascript:alert(1))', '\\[click\\]\\(javascript:alert(1))'],
    ['para[0]\\spans[2]', 'para\\[0\\]\\\\spans\\[2\\]'],
    ['a](b', 'a\\]\\(b'],
    ['line\nbreak \u202e', 'line\\x0Abreak \\u{202E}'],
    ['no brackets: { Id: x }', 'no brackets: { Id: x }'],
  ])('%j is %j', (text, escaped) => {
    expect(sarifMessageText(text)).toBe(escaped);
  });

  test.each(HOSTILE_TEXTS)('%j: no embedded link, by the spec\'s grammar or by a viewer that ignores its escapes', text => {
    const message = sarifMessageText(text);
    // The spec's reading: without its escape pairs, no bracket is left to open or close a link.
    expect(message.replace(/\\[\\[\]]/g, '')).not.toMatch(/[[\]]/);
    // A viewer that matches [...](...) and ignores the escapes.
    expect(message).not.toMatch(/\[[^\]]*\]\(/);
    // One line, no raw control (the JSON it goes into escapes ## for the log).
    expect(escapeControls(message)).toBe(message);
  });
});

describe('markdownText', () => {
  test.each([
    ['[click](javascript:alert(1))', '\\[click\\](javascript:alert(1))'],
    ['<img src=x onerror=alert(1)> &#x202E;', '\\<img src=x onerror=alert(1)\\> \\&#x202E;'],
    ['`code` *em* ~~del~~ _em_ back\\slash', '\\`code\\` \\*em\\* \\~\\~del\\~\\~ \\_em\\_ back\\\\slash'],
    ['aws_s3_bucket.logs_ snake_case', 'aws_s3_bucket.logs\\_ snake_case'],
    ['%{danger_start}x%{danger_end}', '%\\{danger_start}x%\\{danger_end}'],
    ['line\n# heading \u202e', 'line\\x0A# heading \\u{202E}'],
  ])('%j is %j', (text, escaped) => {
    expect(markdownText(text)).toBe(escaped);
  });

  test.each(HOSTILE_TEXTS)('%j: no Markdown or HTML markup, no styling token, one line', text => {
    const description = markdownText(text);
    // CommonMark: a backslash before ASCII punctuation makes it a literal character (before any other, it is one).
    expect(description.replace(/\\[!-/:-@[-`{-~]/g, '')).not.toMatch(/[`*~[\]<>&]|%\{/);
    expect(escapeControls(description)).toBe(description);
  });
});
