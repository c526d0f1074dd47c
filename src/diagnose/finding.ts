// What `baton diagnose` reports: one finding per failure pattern in one segment, with its evidence, impact and fix.
import type { StrategyId } from './recommendations.js';

/** The article's five reasons handoffs fail. */
export type Pattern =
  | 'incomplete-context'
  | 'skill-mismatch'
  | 'integration-gap'
  | 'unclear-trigger'
  | 'poor-timing';

export const PATTERNS: readonly Pattern[] = Object.freeze([
  'incomplete-context',
  'skill-mismatch',
  'integration-gap',
  'unclear-trigger',
  'poor-timing',
]);

export type FindingSeverity = 'high' | 'medium' | 'low';

/** Which slice of the operation a finding is about, e.g. {dimension: 'team_pair', value: 'Billing↔Tech'}. */
export interface Segment {
  dimension: string;
  value: string;
}

/** One measured value with its 95% interval and how many rows it rests on. */
export interface Measured {
  value: number | null;
  ci95: [number, number] | null;
  n: number;
}

export interface Evidence {
  /** Catalog metric id when the measure is a catalog metric; null for diagnose's own measures. */
  metric: string | null;
  /** What was measured, in words (the catalog title, or the diagnostic measure's definition). */
  measure: string;
  unit: 'ratio' | 'seconds' | 'score';
  segment: Measured;
  /** The same measure over the rest of the operation (or the stated reference the test compares with). */
  rest: Measured;
  /** Name of the statistical test, e.g. 'two-proportion z' or 'Mann-Whitney U'. */
  test: string;
  p_value: number;
  /** Benjamini-Hochberg adjusted p-value over every test the run made. */
  q_value: number;
}

export interface Impact {
  /** Conversations in the segment per 30.44-day month of data. */
  conversations_per_month: number;
  /** Distinct customers (conversations when no customer id) in the segment per month. */
  customers_per_month: number;
  /** Mean extra resolution hours per resolved conversation versus the comparison group, same category and start channel. */
  extra_hours_per_conversation: number | null;
  /** conversations_per_month × extra_hours_per_conversation. */
  extra_resolution_hours_per_month: number | null;
  /** Mean CSAT of the segment minus the comparison group's (same category and start channel), when CSAT exists. */
  csat_points: number | null;
  /** Which conversations the segment was compared with. */
  compared_with: string;
}

export interface Recommendation {
  strategy: StrategyId;
  title: string;
  action: string;
  /** The catalog metric that shows whether the change worked, and which way it should move. */
  success_metric: { metric: string; direction: 'up' | 'down'; check: string };
}

export interface Finding {
  /** Stable kebab-case id, e.g. `ping-pong:Billing↔Tech`. */
  id: string;
  pattern: Pattern;
  detector: string;
  title: string;
  severity: FindingSeverity;
  segment: Segment;
  evidence: Evidence;
  impact: Impact;
  recommendation: Recommendation;
}
