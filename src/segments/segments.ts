// `segments`: where exactly? Each metric by each family of breakdowns, every group against the rest, BH across all groups.

import { DEFAULT_BUSINESS_HOURS, parseBusinessHours } from '../diagnose/business-hours.js';
import { DEFAULT_THRESHOLDS } from '../diagnose/detector.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { useBusinessHours } from '../metrics/dimensions.js';
import { catalog, lookupMetrics } from '../metrics/registry.js';
import type { Metric } from '../metrics/types.js';
import { UsageError } from '../model/errors.js';
import { type Problem, problem } from '../model/problem.js';
import { benjaminiHochberg } from '../stats/fdr.js';
import {
  DEFAULT_SEGMENT_METRICS,
  isSegmentFamily,
  SEGMENT_FAMILIES,
  type SegmentFamily,
} from './families.js';
import { type GroupValue, groupTests, type SegmentsContext } from './group-tests.js';

export interface SegmentsOptions {
  /** Catalog metric ids; DEFAULT_SEGMENT_METRICS when absent. */
  metrics?: readonly string[];
  /** Families to show; all when absent. */
  families?: readonly string[];
  tz?: string;
  /** Rows a group (and the rest) needs before it is tested; smaller groups are shown as too few to judge. */
  minSample?: number;
  /** Benjamini-Hochberg false discovery rate over every test shown. */
  alpha?: number;
  /** Business hours for the business_hours dimension, like 'Mon-Fri 08:00-18:00' (diagnose's default). */
  businessHours?: string;
}

/**
 * worse / better: the group differs from the rest with q ≤ alpha, in the metric's bad or good direction
 * (different: a metric with no good direction); no-difference: tested, not significant; too-few: a side
 * under the minimum sample; not-tested: a metric segments does not test (counts, growth).
 */
export type Verdict = 'worse' | 'better' | 'different' | 'no-difference' | 'too-few' | 'not-tested';

export interface SegmentGroup extends GroupValue {
  /** Group value minus the rest's, when tested. */
  difference: number | null;
  q_value: number | null;
  verdict: Verdict;
}

export interface SegmentBreakdown {
  family: SegmentFamily;
  dimension: string;
  metric: string;
  groups: SegmentGroup[];
}

export interface SegmentsReport {
  metrics: string[];
  families: SegmentFamily[];
  thresholds: { min_sample: number; alpha: number; business_hours: string; tz: string; tests: number };
  breakdowns: SegmentBreakdown[];
  /** Metric and dimension pairs that do not fit (a conversation metric by a handoff attribute). */
  skipped: { metric: string; dimension: string; reason: string }[];
}

const TESTED_KINDS = new Set<Metric['kind']>(['rate', 'quantile', 'mean']);

export async function segmentBreakdowns(
  engine: SqlEngine,
  options: SegmentsOptions = {},
): Promise<SegmentsReport> {
  const { metrics, families } = validate(options);
  const tz = options.tz ?? 'UTC';
  const businessHours = parseBusinessHours(options.businessHours ?? DEFAULT_BUSINESS_HOURS);
  await useBusinessHours(engine, businessHours);
  const thresholds = {
    ...DEFAULT_THRESHOLDS,
    min_sample: options.minSample ?? DEFAULT_THRESHOLDS.min_sample,
    alpha: options.alpha ?? DEFAULT_THRESHOLDS.alpha,
  };
  const ctx: SegmentsContext = { engine, tz, thresholds };
  const raw: { family: SegmentFamily; dimension: string; metric: Metric; groups: GroupValue[] }[] = [];
  const skipped: SegmentsReport['skipped'] = [];
  for (const spec of SEGMENT_FAMILIES.filter((f) => families.includes(f.family))) {
    for (const id of spec.dimensions) {
      const dimension = catalog.dimension(id);
      if (!dimension) throw new Error(`segments uses unknown dimension ${id}`);
      for (const metric of metrics) {
        if (dimension.sql[metric.grain] === undefined) {
          skipped.push({
            metric: metric.id,
            dimension: id,
            reason: `${metric.id} counts ${metric.grain}s; ${id} describes a handoff`,
          });
          continue;
        }
        raw.push({
          family: spec.family,
          dimension: id,
          metric,
          groups: await groupTests(ctx, metric, dimension),
        });
      }
    }
  }
  // One false discovery rate over every group shown, so looking at many groups does not manufacture findings.
  const tests = raw.flatMap((b) => b.groups.flatMap((g) => (g.test ? [g.test.p_value] : [])));
  const q = benjaminiHochberg(tests);
  let next = 0;
  const breakdowns = raw.map((b) => ({
    family: b.family,
    dimension: b.dimension,
    metric: b.metric.id,
    groups: b.groups.map((g) => judge(g, b.metric, g.test ? (q[next++] ?? null) : null, thresholds)),
  }));
  return {
    metrics: metrics.map((m) => m.id),
    families,
    thresholds: {
      min_sample: thresholds.min_sample,
      alpha: thresholds.alpha,
      business_hours: businessHours.label,
      tz,
      tests: tests.length,
    },
    breakdowns,
    skipped,
  };
}

function judge(
  g: GroupValue,
  metric: Metric,
  q: number | null,
  t: { min_sample: number; alpha: number },
): SegmentGroup {
  const own = g.value.value;
  const rest = g.test?.rest.value ?? null;
  const difference = g.test && own !== null && rest !== null ? own - rest : null;
  let verdict: Verdict;
  if (!TESTED_KINDS.has(metric.kind)) verdict = 'not-tested';
  else if (!g.test || q === null) verdict = 'too-few';
  else if (q > t.alpha || difference === null || difference === 0) verdict = 'no-difference';
  else if (metric.good === 'neutral') verdict = 'different';
  else verdict = difference > 0 === (metric.good === 'up') ? 'better' : 'worse';
  return { ...g, difference, q_value: q, verdict };
}

function validate(options: SegmentsOptions): { metrics: Metric[]; families: SegmentFamily[] } {
  const problems: Problem[] = [];
  const metrics = lookupMetrics(
    options.metrics?.length ? options.metrics : DEFAULT_SEGMENT_METRICS,
    problems,
  );
  const families: SegmentFamily[] = [];
  for (const name of options.families?.length ? options.families : SEGMENT_FAMILIES.map((f) => f.family)) {
    if (isSegmentFamily(name)) families.push(name);
    else
      problems.push(
        problem(
          'unknown-family',
          'error',
          `no family '${name}'. Families: ${SEGMENT_FAMILIES.map((f) => f.family).join(', ')}`,
          { field: 'family' },
        ),
      );
  }
  const min = options.minSample;
  if (min !== undefined && !(Number.isInteger(min) && min >= 2))
    problems.push(
      problem('bad-min-sample', 'error', `--min-sample takes a whole number of at least 2, got ${min}`, {
        field: 'min-sample',
      }),
    );
  const alpha = options.alpha;
  if (alpha !== undefined && !(alpha > 0 && alpha < 1))
    problems.push(
      problem('bad-alpha', 'error', `--alpha takes a rate between 0 and 1, got ${alpha}`, { field: 'alpha' }),
    );
  if (problems.length) throw new UsageError('The segments cannot be shown as asked.', problems);
  return { metrics, families };
}
