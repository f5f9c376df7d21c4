import { HUMAN_COLUMNS, humanRows, oneLine, reportNotes, TOTAL_LABEL } from './table';
import { AuditReport } from '../report';

/**
 * The report as a GitHub-flavoured markdown table with the columns of the terminal
 * table (numbers right-aligned), a bold TOTAL row, then the notes as paragraphs.
 */
export function renderMarkdown(report: AuditReport): string {
  const rows = humanRows(report).map(cells => cells.map(escapeCell));
  rows[rows.length - 1][0] = `**${TOTAL_LABEL}**`;
  const lines = [
    row(HUMAN_COLUMNS.map(c => escapeCell(c.title))),
    row(HUMAN_COLUMNS.map(c => (c.numeric ? '---:' : '---'))),
    ...rows.map(row),
  ];
  const notes = reportNotes(report).map(note => `\n${escapeCell(note)}`);
  return [...lines, ...notes].join('\n') + '\n';
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/**
 * Keeps a cell on its line and its text literal: control characters (line breaks
 * included) become spaces, and the characters that would end the cell or start
 * markup are backslash-escaped.
 */
function escapeCell(text: string): string {
  return oneLine(text)
    .replace(/[\\|`*_<[~]/g, '\\$&')
    .trim();
}
