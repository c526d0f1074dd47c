// The structured query a plain-English question is read into: catalog metric ids and dimension ids only, never SQL.

/** Inclusive calendar dates (YYYY-MM-DD) in the business time zone, on the metric grain's own time column. */
export interface DateRange {
  from: string;
  to: string;
}

/** What the answer does with the numbers: one value, a breakdown, two or more sides, a ranking, or a "why". */
export type Intent = 'value' | 'breakdown' | 'compare' | 'rank' | 'why';

/** Two or more values of one dimension (warm vs cold), or two or more periods (this month vs last). */
export type CompareSpec = { dimension: string; values: (string | string[])[] } | { ranges: DateRange[] };

/** Rows of the breakdown ordered by the first metric; groups under `minSample` are left out, not ranked. */
export interface RankSpec {
  order: 'asc' | 'desc';
  limit: number;
  minSample: number;
}

export interface AskQuery {
  intent: Intent;
  /** Catalog metric ids, in the order asked. */
  metrics: string[];
  /** Catalog dimension ids to break down by. */
  by: string[];
  /** dimension id → value, or any of several values (weekend = Sat, Sun). */
  where: Record<string, string | string[]>;
  range: DateRange | null;
  compare: CompareSpec | null;
  rank: RankSpec | null;
  /** For "why" questions: the segment the question named, highlighted inside the breakdown. */
  focus: Record<string, string[]> | null;
}

/** Distinct values found in the imported data, by the kind of thing they name. */
export type ValueKind =
  | 'channel'
  | 'team'
  | 'tier'
  | 'agent'
  | 'category'
  | 'segment'
  | 'priority'
  | 'transfer_type'
  | 'reason';

export type DataValues = Partial<Record<ValueKind, string[]>>;
