// Runs every detector, controls the false discovery rate across all their tests, and ranks what survives by impact.
import type { SqlEngine } from '../engine/sql-engine.js';
import { catalog } from '../metrics/registry.js';
import { benjaminiHochberg } from '../stats/fdr.js';
import { DEFAULT_BUSINESS_HOURS, parseBusinessHours } from './business-hours.js';
import {
  type Candidate,
  DEFAULT_THRESHOLDS,
  type Detector,
  type DetectorContext,
  notRunReason,
  type Thresholds,
} from './detector.js';
import { DETECTORS } from './detectors/index.js';
import type { Finding } from './finding.js';
import { type HandoffCost, handoffCost } from './handoff-cost.js';
import { estimateImpact, operationScale, severityOf } from './impact.js';
import { recommend } from './recommendations.js';

export interface DiagnoseOptions {
  /** Business time zone (default UTC). */
  tz?: string;
  thresholds?: Partial<Thresholds>;
  /** Like 'Mon-Fri 08:00-18:00' (the default), read in `tz`. */
  businessHours?: string;
  /** Detectors to run (default: all). */
  detectors?: readonly Detector[];
}

export interface Diagnosis {
  findings: Finding[];
  /** Every statistical test made; the Benjamini-Hochberg correction counts all of them. */
  tests_run: number;
  thresholds: Thresholds & { business_hours: string; tz: string };
  /** Tests per detector, so a quiet detector can be told from one that had nothing to test, and what it left out. */
  detectors: { id: string; pattern: string; tests: number; notes: string[] }[];
  /** What handoffs cost each month: controlled extra resolution hours, customer waiting and agent handling hours. */
  handoff_cost: HandoffCost;
  /**
   * Detectors the analysis engine cannot run yet (see Detector.portable and notOn): listed, never skipped
   * silently; their tests are not in tests_run. Empty on DuckDB.
   */
  not_run: { id: string; pattern: string; reason: string }[];
}

export async function diagnose(engine: SqlEngine, options: DiagnoseOptions = {}): Promise<Diagnosis> {
  const thresholds: Thresholds = { ...DEFAULT_THRESHOLDS, ...(options.thresholds ?? {}) };
  const tz = options.tz ?? 'UTC';
  const businessHours = parseBusinessHours(options.businessHours ?? DEFAULT_BUSINESS_HOURS);
  const ctx: DetectorContext = { engine, tz, thresholds, businessHours };
  const candidates: Candidate[] = [];
  const detectors: Diagnosis['detectors'] = [];
  const notRun: Diagnosis['not_run'] = [];
  const engineName = engine.dialect.name;
  for (const detector of options.detectors ?? DETECTORS) {
    const reason = notRunReason(detector, engineName);
    if (reason !== undefined) {
      notRun.push({ id: detector.id, pattern: detector.pattern, reason });
      continue;
    }
    const notes: string[] = [];
    const found = await detector.run({ ...ctx, note: (text) => notes.push(text) });
    detectors.push({ id: detector.id, pattern: detector.pattern, tests: found.length, notes });
    candidates.push(...found);
  }
  const q = benjaminiHochberg(candidates.map((c) => c.evidence.p_value));
  const scale = await operationScale(engine);
  const cost = await handoffCost(engine, { tz, scale });
  const findings: Finding[] = [];
  for (const [i, c] of candidates.entries()) {
    const qValue = q[i]!;
    if (!c.eligible || !(qValue < thresholds.alpha)) continue;
    const impact = await estimateImpact(engine, c.population, scale);
    const metric = catalog.metric(c.recommend.metric);
    const direction = metric?.good === 'down' ? 'down' : 'up';
    findings.push({
      id: c.id,
      pattern: c.pattern,
      detector: c.detector,
      title: c.title,
      severity: severityOf(impact, scale),
      segment: c.segment,
      evidence: { ...c.evidence, q_value: qValue },
      impact,
      recommendation: recommend(c.recommend.strategy, c.recommend.metric, direction, c.recommend.by),
    });
  }
  findings.sort(byImpact);
  return {
    findings,
    tests_run: candidates.length,
    thresholds: { ...thresholds, business_hours: businessHours.label, tz },
    detectors,
    handoff_cost: cost,
    not_run: notRun,
  };
}

/** Most extra resolution hours first (none measured counts as none), then by customers reached. */
function byImpact(a: Finding, b: Finding): number {
  const hours = (f: Finding) => Math.max(f.impact.extra_resolution_hours_per_month ?? 0, 0);
  return (
    hours(b) - hours(a) ||
    b.impact.customers_per_month - a.impact.customers_per_month ||
    a.id.localeCompare(b.id)
  );
}
