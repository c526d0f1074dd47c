// The formats a report is written in, and the one a file name implies: light, so the CLI parses before loading renderers.

export const REPORT_FORMATS = ['html', 'md', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The format a file name implies (`.md`, `.json`, otherwise html). */
export function formatFromPath(path: string): ReportFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'md';
  if (lower.endsWith('.json')) return 'json';
  return 'html';
}
