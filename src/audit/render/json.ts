import { AuditReport } from '../report';

/** The whole report as JSON, upload list included, bytes exact; 2-space indent, ending with a newline. */
export function renderJson(report: AuditReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
