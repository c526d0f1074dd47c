// The contract between diagnose and its detectors: context in, every test made (significant or not) out.
import type { DialectName } from '../engine/dialect.js';
import type { SqlEngine, SqlParams } from '../engine/sql-engine.js';
import type { BusinessHours } from './business-hours.js';
import type { Evidence, Pattern, Segment } from './finding.js';
import type { StrategyId } from './recommendations.js';

/** The stated rules a finding must pass; all of them are echoed in the JSON output. */
export interface Thresholds {
  /** Rows needed on each side of a comparison before a test is run at all. */
  min_sample: number;
  /** Benjamini-Hochberg false discovery rate: a finding needs q below this. */
  alpha: number;
  /** A rate must differ from the rest by at least this many points (0.05 = 5 points) ... */
  min_rate_difference: number;
  /** ... and by at least this factor (higher rates ≥ ratio × rest; lower rates ≤ rest / ratio). */
  min_rate_ratio: number;
  /** A median time must be at least this many times the rest's. */
  min_time_ratio: number;
  /** A mean CSAT must be at least this many points below the rest's. */
  min_csat_difference: number;
  /** Share of a customer message's words already used by them before the handoff to count as a repeat. */
  repeat_overlap: number;
  /** Words (4+ letters) a message needs before its overlap is judged. */
  repeat_min_words: number;
  /** No message to the customer in this many minutes before a handoff makes it a cold drop. */
  cold_drop_minutes: number;
  /** A team resolving a category itself at least this often makes its handoffs in it avoidable. */
  avoidable_share: number;
  /** A team whose own-resolution share is this many points below the category's best team is misrouted to. */
  misroute_gap: number;
  /** Handoffs an agent must have received before agent-outliers assesses (and may name) them. */
  agent_min_handoffs: number;
  /** A customer opening a new conversation within this many hours after a failed handoff is a lost thread. */
  lost_thread_hours: number;
  /** A customer message left unanswered for at most this many minutes before a handoff makes it mid-exchange. */
  mid_exchange_minutes: number;
  /** Handoffs in this many minutes before business hours close count as made at the end of the shift. */
  shift_end_minutes: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = Object.freeze({
  min_sample: 30,
  alpha: 0.05,
  min_rate_difference: 0.05,
  min_rate_ratio: 1.25,
  min_time_ratio: 1.5,
  min_csat_difference: 0.2,
  repeat_overlap: 0.6,
  repeat_min_words: 5,
  cold_drop_minutes: 10,
  avoidable_share: 0.6,
  misroute_gap: 0.2,
  agent_min_handoffs: 30,
  lost_thread_hours: 72,
  mid_exchange_minutes: 15,
  shift_end_minutes: 30,
});

export interface DetectorContext {
  /** The analysis engine (DuckDB or a warehouse); SQL goes through its dialect. */
  engine: SqlEngine;
  /** Business time zone. */
  tz: string;
  thresholds: Thresholds;
  businessHours: BusinessHours;
  /** Says what a detector left out, e.g. how many agents were too small to assess; shown with the results. */
  note?: (text: string) => void;
}

/**
 * Conversations a candidate is about, and the comparable ones its impact is measured against: two SQL
 * queries returning `conversation_id`, built from fixed text with values bound through `params`.
 */
export interface Population {
  segment: string;
  comparison: string;
  params: SqlParams;
  /** In words, for the report. */
  compared_with: string;
}

/** One statistical test a detector ran; diagnose adds the q-value and keeps those that pass everything. */
export interface Candidate {
  id: string;
  pattern: Pattern;
  detector: string;
  title: string;
  segment: Segment;
  evidence: Omit<Evidence, 'q_value'>;
  /** Direction and size thresholds (not significance) are met. */
  eligible: boolean;
  population: Population;
  recommend: { strategy: StrategyId; metric: string; by?: string };
}

export interface Detector {
  id: string;
  pattern: Pattern;
  /** What the detector looks for and its thresholds, in one sentence for --help and the docs. */
  describe: string;
  run: (ctx: DetectorContext) => Promise<Candidate[]>;
  /**
   * Written through the dialect, so it runs on every engine; detectors without it still use DuckDB-only SQL
   * and diagnose lists them as not run on a warehouse rather than skipping them silently.
   */
  portable?: true;
  /** Engines a portable detector still cannot run on, and why (listed as not run there). */
  notOn?: Readonly<Partial<Record<DialectName, string>>>;
}

/** Why `detector` cannot run on engine `name`, or undefined when it can. */
export function notRunReason(detector: Detector, name: DialectName): string | undefined {
  if (name === 'duckdb') return undefined;
  if (!detector.portable) return `runs on DuckDB only for now, not on ${name}`;
  const why = detector.notOn?.[name];
  return why === undefined ? undefined : `not run on ${name} yet: ${why}`;
}
