// Measures the repeat-explanation detector against hand-labelled handoffs: confusion counts, precision, recall, F1.
import { fileURLToPath } from 'node:url';
import { Baton } from '../src/baton.js';
import { DEFAULT_BUSINESS_HOURS, parseBusinessHours } from '../src/diagnose/business-hours.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../src/diagnose/detector.js';
import { CONTEXT_TABLE, ensureHandoffContext } from '../src/diagnose/handoff-context.js';
import { wilson } from '../src/stats/intervals.js';

export const FIXTURE_DIR = fileURLToPath(new URL('../../test/fixtures/repeat-labelled/', import.meta.url));
export const TRANSCRIPTS = `${FIXTURE_DIR}transcripts.ndjson`;
export const LABELS = `${FIXTURE_DIR}labels.json`;

export type Split = 'dev' | 'test';
export type RepeatKind = 'customer-repeats' | 'agent-reasks' | 'none';

export interface Label {
  conversation_id: string;
  handoff_no: number;
  repeat: boolean;
  kind: RepeatKind;
  split: Split;
  note: string;
}

/** One labelled handoff next to what the detector said about it. */
export interface JudgedHandoff extends Label {
  predicted: boolean;
  customer_repeated: boolean;
  agent_reasked: boolean;
  /** Customer messages before the handoff, then every message up to the next handoff. */
  before: string;
  after: string;
}

export interface Estimate {
  value: number | null;
  /** Wilson 95% interval. */
  interval: [number, number] | null;
}

export interface Scores {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: Estimate;
  recall: Estimate;
  /** Wilson interval of TP out of TP + (FP + FN) / 2, the count F1 is a share of: an approximation. */
  f1: Estimate;
}

export interface Measurement {
  handoffs: JudgedHandoff[];
  /** Labels naming a handoff Baton did not derive: each one is a fixture error. */
  unmatchedLabels: Label[];
  /** Derived handoffs without a label. */
  unlabelledHandoffs: { conversation_id: string; handoff_no: number }[];
  scores: Record<Split | 'all', Scores>;
}

const share = (k: number, n: number): Estimate => ({ value: n > 0 ? k / n : null, interval: wilson(k, n) });

export function score(rows: readonly JudgedHandoff[]): Scores {
  const count = (label: boolean, predicted: boolean) =>
    rows.filter((r) => r.repeat === label && r.predicted === predicted).length;
  const tp = count(true, true);
  const fp = count(false, true);
  const fn = count(true, false);
  const tn = count(false, false);
  return {
    n: rows.length,
    tp,
    fp,
    fn,
    tn,
    precision: share(tp, tp + fp),
    recall: share(tp, tp + fn),
    f1: share(tp, tp + (fp + fn) / 2),
  };
}

/** Imports the transcripts into an in-memory Baton, builds the detector's context table and joins it to the labels. */
export async function measureRepeatDetector(
  options: { transcripts?: string; labels?: string; thresholds?: Partial<Thresholds> } = {},
): Promise<Measurement> {
  const baton = await Baton.open({ tz: 'UTC' });
  try {
    await baton.import([options.transcripts ?? TRANSCRIPTS], { strict: true });
    await ensureHandoffContext({
      engine: baton.engine,
      tz: baton.tz,
      thresholds: { ...DEFAULT_THRESHOLDS, ...options.thresholds },
      businessHours: parseBusinessHours(DEFAULT_BUSINESS_HOURS),
    });
    await baton.engine.run(
      `CREATE OR REPLACE TEMP TABLE repeat_labels AS
       SELECT CAST(conversation_id AS VARCHAR) AS conversation_id, CAST(handoff_no AS INTEGER) AS handoff_no,
         CAST(repeat AS BOOLEAN) AS repeat, CAST(kind AS VARCHAR) AS kind, CAST(split AS VARCHAR) AS split,
         CAST(note AS VARCHAR) AS note
       FROM read_json($path, format = 'array')`,
      { path: options.labels ?? LABELS },
    );
    const handoffs = await baton.engine.all<
      Omit<JudgedHandoff, 'kind' | 'split'> & { kind: string; split: string }
    >(
      `WITH h AS (
         SELECT conversation_id, handoff_no, handoff_at,
           lead(handoff_at) OVER (PARTITION BY conversation_id ORDER BY handoff_no) AS next_at
         FROM handoffs),
       said AS (
         SELECT h.conversation_id, h.handoff_no,
           string_agg(CASE WHEN e.ts < h.handoff_at AND e.actor = 'customer' THEN e.text END, ' / ' ORDER BY e.ts) AS before,
           string_agg(CASE WHEN e.ts >= h.handoff_at THEN e.actor || ': ' || e.text END, ' / ' ORDER BY e.ts) AS after
         FROM h JOIN events e ON e.conversation_id = h.conversation_id AND e.event_type = 'message'
           AND (h.next_at IS NULL OR e.ts < h.next_at)
         GROUP BY ALL)
       SELECT l.conversation_id, l.handoff_no, l.repeat, l.kind, l.split, l.note,
         c.repeat_explanation AS predicted, c.customer_repeated, c.agent_reasked,
         coalesce(s.before, '') AS before, coalesce(s.after, '') AS after
       FROM repeat_labels l
       JOIN ${CONTEXT_TABLE} c USING (conversation_id, handoff_no)
       LEFT JOIN said s USING (conversation_id, handoff_no)
       ORDER BY l.conversation_id, l.handoff_no`,
    );
    const unmatchedLabels = await baton.engine.all<Label & Record<string, never>>(
      `SELECT l.* FROM repeat_labels l ANTI JOIN handoffs h USING (conversation_id, handoff_no)
       ORDER BY conversation_id, handoff_no`,
    );
    const unlabelledHandoffs = await baton.engine.all<{ conversation_id: string; handoff_no: number }>(
      `SELECT conversation_id, CAST(handoff_no AS INTEGER) AS handoff_no FROM handoffs
       ANTI JOIN repeat_labels USING (conversation_id, handoff_no) ORDER BY ALL`,
    );
    const judged = handoffs as JudgedHandoff[];
    return {
      handoffs: judged,
      unmatchedLabels,
      unlabelledHandoffs,
      scores: {
        dev: score(judged.filter((h) => h.split === 'dev')),
        test: score(judged.filter((h) => h.split === 'test')),
        all: score(judged),
      },
    };
  } finally {
    baton.close();
  }
}
