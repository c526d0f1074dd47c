// The table behind every chart and list in the report: display text plus a sortable value per cell.

export interface Cell {
  text: string;
  /** What the column sorts by; numbers sort numerically, null last. */
  value: number | string | null;
}

export interface ReportTable {
  columns: { label: string; numeric?: boolean }[];
  rows: Cell[][];
}

export const textCell = (text: string | null | undefined): Cell => ({
  text: text ?? '(none)',
  value: text ?? null,
});

export const numberCell = (value: number | null | undefined, text?: string): Cell => ({
  text: text ?? (value === null || value === undefined ? '—' : value.toLocaleString('en-US')),
  value: value ?? null,
});
