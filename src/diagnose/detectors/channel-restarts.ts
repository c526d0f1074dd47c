// Integration gaps: a switch of channel (chat to email, to a call) where the customer has to tell the story again.
import type { Candidate, Detector } from '../detector.js';
import { contextConversations, contextCounts } from '../handoff-context.js';
import { compareRates, rateEvidence } from '../segment-tests.js';
import { dimensionSql, percent } from '../segments.js';

const MEASURE =
  'Share of channel handoffs followed (before the next handoff) by the customer repeating themselves or the new owner re-asking for given details, as repeat-explanation measures it, against handoffs that kept the channel.';

/** Handoffs after which the customer wrote something, as repeat-explanation scopes them. */
const SCOPE = 'customer_texts > 0';
const NOT_CHANNEL = 'other handoffs';

export const channelRestarts: Detector = {
  id: 'channel-restarts',
  pattern: 'integration-gap',
  portable: true,
  describe:
    'Channel pairs whose channel handoffs (kind channel) are followed by a repeat explanation significantly more often than handoffs that kept the channel.',
  async run(ctx) {
    const pair = dimensionSql('channel_pair', 'handoff', ctx.engine.dialect);
    const group = `CASE WHEN kind = 'channel' THEN ${pair} ELSE '${NOT_CHANNEL}' END`;
    const counts = await contextCounts(ctx, group, 'repeat_explanation', SCOPE);
    const rest = counts.get(NOT_CHANNEL);
    if (!rest) return [];
    const out: Candidate[] = [];
    for (const [value, c] of counts) {
      if (value === NOT_CHANNEL) continue;
      // Each channel pair against the handoffs that kept their channel, not against other switches.
      const two = new Map([
        [value, c],
        [NOT_CHANNEL, rest],
      ]);
      for (const t of compareRates(ctx, two, 'higher', (g) => g === value)) {
        out.push({
          id: `channel-restart:${value}`,
          pattern: 'integration-gap',
          detector: 'channel-restarts',
          title: `When a conversation moves ${value}, the customer tells the story again ${percent(t.segment.value)} of the time (handoffs that keep the channel ${percent(t.rest.value)})`,
          segment: { dimension: 'channel_pair', value },
          evidence: rateEvidence(null, MEASURE, t),
          eligible: t.eligible,
          population: {
            segment: contextConversations(
              `kind = 'channel' AND CAST((${pair}) AS VARCHAR) = $pop_value AND repeat_explanation`,
            ),
            comparison: contextConversations(`${SCOPE} AND kind <> 'channel' AND NOT repeat_explanation`),
            params: { pop_value: value },
            compared_with: 'conversations handed on within their channel with no repeat explanation',
          },
          recommend: { strategy: 'structured-context-transfer', metric: 'csat_avg', by: 'channel_path' },
        });
      }
    }
    return out;
  },
};
