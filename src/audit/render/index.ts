import { renderCsv } from './csv';
import { JsonChunksOptions, renderJson, renderJsonChunks } from './json';
import { renderMarkdown } from './markdown';
import { renderTable } from './table';
import { AuditReport } from '../report';

export { humanBytes } from './human-size';
export { renderCsv, renderJson, renderJsonChunks, renderMarkdown, renderTable };

/** The formats of `--format`. */
export type ReportFormat = 'table' | 'json' | 'csv' | 'markdown';

export const REPORT_FORMATS: readonly ReportFormat[] = Object.freeze(['table', 'json', 'csv', 'markdown'] as ReportFormat[]);

const RENDERERS: Readonly<Record<ReportFormat, (report: AuditReport) => string>> = {
  table: renderTable,
  json: renderJson,
  csv: renderCsv,
  markdown: renderMarkdown,
};

/** The report in `format`, as text ending with a newline. */
export function render(report: AuditReport, format: ReportFormat): string {
  const renderer = Object.prototype.hasOwnProperty.call(RENDERERS, format) ? RENDERERS[format] : undefined;
  if (renderer === undefined) {
    throw new Error(`format must be one of ${REPORT_FORMATS.join(', ')} (got "${String(format)}")`);
  }
  return renderer(report);
}

/**
 * The same text as `render`, in pieces: JSON comes a bucket and a few hundred
 * uploads at a time, taken from `uploadsOf` when given (see UploadSpool).
 */
export function renderChunks(report: AuditReport, format: ReportFormat, uploadsOf?: JsonChunksOptions['uploadsOf']): Iterable<string> {
  return format === 'json' ? renderJsonChunks(report, { uploadsOf }) : [render(report, format)];
}
