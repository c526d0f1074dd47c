// Picks the renderer for a report format: html (self-contained page), md (Markdown tables) or json (the data).
import type { ReportData } from './build-report.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { ReportFormat } from './report-format.js';

export function renderReport(data: ReportData, format: ReportFormat): string {
  if (format === 'md') return renderMarkdown(data);
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  return renderHtml(data);
}
