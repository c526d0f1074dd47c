// Skill mismatch: team pairs whose handoffs send conversations back to a team that already had them, above the rest.
import type { Candidate, Detector } from '../detector.js';
import { rateEvidence, rateVersusRest } from '../segment-tests.js';
import { diagnosticRate, handoffPopulation, percent, UNORDERED_TEAM_PAIR } from '../segments.js';

const RETURN_SHARE = diagnosticRate(
  'pair_return_share',
  'Return share of a team pair',
  'Share of the handoffs between two teams (either way) that hand the conversation back to a team that owned it before.',
  'handoff',
  'is_return',
  'down',
);

export const pingPongPairs: Detector = {
  id: 'ping-pong-pairs',
  pattern: 'skill-mismatch',
  portable: true,
  describe:
    'Team pairs (either direction) whose handoffs are returns to an earlier owner significantly more often than other team handoffs.',
  async run(ctx) {
    const tests = await rateVersusRest(ctx, RETURN_SHARE, UNORDERED_TEAM_PAIR, 'higher');
    return tests.map(
      (t): Candidate => ({
        id: `ping-pong:${t.group}`,
        pattern: 'skill-mismatch',
        detector: 'ping-pong-pairs',
        title: `Conversations bounce between ${t.group.replace('↔', ' and ')}: ${percent(t.segment.value)} of their handoffs go back to a previous owner (rest ${percent(t.rest.value)})`,
        segment: { dimension: 'team_pair', value: t.group },
        evidence: rateEvidence(null, RETURN_SHARE.definition, t),
        eligible: t.eligible,
        population: handoffPopulation(
          UNORDERED_TEAM_PAIR,
          t.group,
          'conversations handed between other teams',
        ),
        recommend: { strategy: 'skill-based-matching', metric: 'ping_pong_rate', by: 'start_team' },
      }),
    );
  },
};
