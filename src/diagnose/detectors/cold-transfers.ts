// Incomplete context: cold transfers against warm ones on success, pick-up time and CSAT, when the data records both.
import type { Candidate, Detector } from '../detector.js';
import type { Evidence } from '../finding.js';
import {
  catalogMetric,
  distributionVersusRest,
  logSecondsBin,
  rateVersusRest,
  slowerBy,
  timeEvidence,
} from '../segment-tests.js';
import { duration, handoffPopulation, percent } from '../segments.js';

const TYPE = "CASE lower(transfer_type) WHEN 'cold' THEN 'cold' WHEN 'warm' THEN 'warm' END";
const HAS = (type: string) =>
  `conversation_id IN (SELECT conversation_id FROM handoffs WHERE lower(transfer_type) = '${type}')`;
const CONVERSATION_TYPE = `CASE WHEN ${HAS('cold')} THEN 'cold' WHEN ${HAS('warm')} THEN 'warm' END`;
const onlyCold = (g: string) => g === 'cold';

function coldCandidate(
  facet: string,
  title: string,
  evidence: Omit<Evidence, 'q_value'>,
  eligible: boolean,
  metric: string,
): Candidate {
  return {
    id: `cold-transfer:${facet}`,
    pattern: 'incomplete-context',
    detector: 'cold-transfers',
    title,
    segment: { dimension: 'transfer_type', value: 'cold' },
    evidence,
    eligible,
    population: handoffPopulation(TYPE, 'cold', 'conversations with warm transfers only'),
    recommend: { strategy: 'warm-transfer', metric, by: 'transfer_type' },
  };
}

export const coldTransfers: Detector = {
  id: 'cold-transfers',
  pattern: 'incomplete-context',
  portable: true,
  describe:
    'Cold against warm transfers: success rate (two-proportion z), handoff time (Mann-Whitney) and CSAT of the conversations (Mann-Whitney).',
  async run(ctx) {
    const out: Candidate[] = [];
    const success = catalogMetric('handoff_success_rate');
    for (const t of await rateVersusRest(ctx, success, TYPE, 'lower', {}, onlyCold)) {
      out.push(
        coldCandidate(
          'success',
          `Cold transfers succeed ${percent(t.segment.value)} of the time, warm ones ${percent(t.rest.value)}`,
          {
            metric: success.id,
            measure: success.title,
            unit: 'ratio',
            segment: t.segment,
            rest: t.rest,
            test: 'two-proportion z',
            p_value: t.pValue,
          },
          t.eligible,
          success.id,
        ),
      );
    }
    const time = catalogMetric('handoff_time_median_s') as ReturnType<typeof catalogMetric> & {
      value: string;
    };
    for (const t of await distributionVersusRest(
      ctx,
      time,
      TYPE,
      logSecondsBin,
      slowerBy(ctx),
      {},
      onlyCold,
    )) {
      out.push(
        coldCandidate(
          'handoff-time',
          `Cold transfers wait ${duration(t.segment.value)} (median) for the new owner, warm ones ${duration(t.rest.value)}`,
          timeEvidence(time, t),
          t.eligible,
          time.id,
        ),
      );
    }
    const csat = catalogMetric('csat_avg') as ReturnType<typeof catalogMetric> & { value: string };
    const lower = (s: { value: number | null }, r: { value: number | null }, effect: number) =>
      effect < 0.5 &&
      s.value !== null &&
      r.value !== null &&
      r.value - s.value >= ctx.thresholds.min_csat_difference;
    for (const t of await distributionVersusRest(
      ctx,
      csat,
      CONVERSATION_TYPE,
      (v) => v,
      lower,
      {},
      onlyCold,
    )) {
      out.push(
        coldCandidate(
          'csat',
          `Conversations with a cold transfer rate ${t.segment.value?.toFixed(2)} on average, warm-only ones ${t.rest.value?.toFixed(2)}`,
          {
            metric: csat.id,
            measure: csat.title,
            unit: 'score',
            segment: t.segment,
            rest: t.rest,
            test: 'Mann-Whitney U',
            p_value: t.pValue,
          },
          t.eligible,
          csat.id,
        ),
      );
    }
    return out;
  },
};
