// Randomized check: on generated adversarial logs, the SQL derivation equals the plain brute-force recount.
import assert from 'node:assert/strict';
import { engineTest, epochMs, withEngineBaton } from './support/engines.js';
import { randomLog, toCsv } from './support/random-log.js';
import { referenceRecount } from './support/reference.js';

const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);
const round = (v: unknown) => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : v);

for (const seed of SEEDS) {
  engineTest(`engine equals brute-force recount (seed ${seed})`, async (engine) => {
    const events = randomLog(seed, 80);
    const expected = referenceRecount(events);
    await withEngineBaton(engine, toCsv(events), async (baton) => {
      const handoffs = (
        await baton.analysisEngine.all(
          `SELECT conversation_id, handoff_no, handoff_at, from_channel, from_team, from_tier, from_agent,
           to_channel, to_team, to_tier, to_agent, picked_up_by, kind, is_escalation, implicit, completed, handoff_time_s, success,
           is_return, abandoned_after
         FROM handoffs ORDER BY conversation_id, handoff_no`,
        )
      ).map((h) => epochMs(h));
      const want = expected.handoffs.map((h) => ({ ...h, handoff_time_s: round(h.handoff_time_s) }));
      const got = handoffs.map((h) => ({ ...h, handoff_time_s: round(h.handoff_time_s) }));
      assert.equal(got.length, want.length, 'handoff count');
      for (let i = 0; i < want.length; i++) {
        assert.deepEqual(
          got[i],
          { ...want[i] },
          `handoff ${want[i]?.conversation_id} #${want[i]?.handoff_no}`,
        );
      }

      const conversations = await baton.analysisEngine.all(
        `SELECT conversation_id, implicit, start_channel, handoff_count, return_count, escalation_count, resolved, abandoned,
           reopened, fcr, first_response_s, resolution_s, csat, channel_path, team_path, segment, category, priority
         FROM conversations ORDER BY conversation_id`,
      );
      assert.equal(conversations.length, expected.conversations.length, 'conversation count');
      for (let i = 0; i < expected.conversations.length; i++) {
        const w = expected.conversations[i]!;
        const g = conversations[i]!;
        const norm = (c: Record<string, unknown>) => ({
          ...c,
          first_response_s: round(c.first_response_s),
          resolution_s: round(c.resolution_s),
        });
        assert.deepEqual(norm(g), norm({ ...w }), `conversation ${w.conversation_id}`);
      }
    });
  });
}
