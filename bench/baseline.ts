// The benchmark's yardstick: handoffs and headline metrics as one hand-written DuckDB SQL script over the same file.
// Run as its own process: node dist/bench/baseline.js FILE
import { Engine } from '../src/engine/engine.js';

const reader = (file: string) =>
  file.includes('.parquet') ? 'read_parquet($path)' : 'read_csv($path, header = true, all_varchar = true)';

export const baselineSql = (file: string) => `
CREATE TEMP TABLE ev AS
SELECT conversation_id, CAST(CAST("timestamp" AS TIMESTAMPTZ) AS TIMESTAMP) AS ts,
  CASE event_type WHEN 'transfer' THEN 'assign' WHEN 'close' THEN 'resolve' ELSE event_type END AS et,
  actor, agent_id, team, tier, channel, TRY_CAST(csat AS DOUBLE) AS csat
FROM ${reader(file)};

CREATE TEMP TABLE own AS
SELECT conversation_id, ts, team, agent_id, channel, tier,
  lag(team) OVER w AS p_team, lag(agent_id) OVER w AS p_agent, lag(channel) OVER w AS p_channel, lag(tier) OVER w AS p_tier,
  row_number() OVER w AS rn
FROM ev WHERE et = 'assign'
WINDOW w AS (PARTITION BY conversation_id ORDER BY ts);

CREATE TEMP TABLE ho AS
SELECT *, lead(ts) OVER (PARTITION BY conversation_id ORDER BY ts) AS next_ts FROM own
WHERE rn > 1 AND (team IS DISTINCT FROM p_team OR channel IS DISTINCT FROM p_channel OR tier IS DISTINCT FROM p_tier
  OR (agent_id IS NOT NULL AND p_agent IS NOT NULL AND agent_id <> p_agent));

CREATE TEMP TABLE done AS
SELECT h.conversation_id, h.ts, min(m.ts) AS done_ts
FROM ho h JOIN ev m ON m.conversation_id = h.conversation_id AND m.et = 'message' AND m.actor IN ('agent', 'bot')
  AND m.ts > h.ts AND (h.next_ts IS NULL OR m.ts < h.next_ts) AND m.agent_id IS DISTINCT FROM h.p_agent
GROUP BY ALL;

CREATE TEMP TABLE conv AS
SELECT conversation_id, min(ts) AS started, max(ts) FILTER (WHERE et = 'resolve') AS resolved_at,
  max(ts) FILTER (WHERE et = 'reopen') AS reopened_at, max(csat) FILTER (WHERE et = 'csat') AS csat
FROM ev GROUP BY ALL;

CREATE TEMP TABLE hstat AS
SELECT h.conversation_id, h.ts, d.done_ts IS NOT NULL AS completed,
  date_diff('second', h.ts, d.done_ts) AS wait_s,
  EXISTS (SELECT 1 FROM ev r WHERE r.conversation_id = h.conversation_id AND r.et = 'resolve' AND r.ts > h.ts
    AND (h.next_ts IS NULL OR r.ts < h.next_ts)) AS resolved_after
FROM ho h LEFT JOIN done d USING (conversation_id, ts);

SELECT
  (SELECT count(*) FROM conv) AS conversations,
  (SELECT count(*) FROM ev) AS events,
  (SELECT count(*) FROM hstat) AS handoffs,
  (SELECT count(DISTINCT conversation_id) FROM ho) / (SELECT count(*) FROM conv) AS handoff_rate,
  (SELECT avg(completed::INT) FROM hstat) AS transfer_completion_rate,
  (SELECT avg((completed AND resolved_after)::INT) FROM hstat) AS handoff_success_rate,
  (SELECT avg(wait_s) FROM hstat) AS handoff_time_avg_s,
  (SELECT median(wait_s) FROM hstat) AS handoff_time_median_s,
  (SELECT quantile_cont(wait_s, 0.9) FROM hstat) AS handoff_time_p90_s,
  (SELECT avg((resolved_at IS NOT NULL AND (reopened_at IS NULL OR reopened_at < resolved_at))::INT) FROM conv) AS resolution_rate,
  (SELECT median(date_diff('second', started, resolved_at)) FROM conv) AS resolution_time_median_s,
  (SELECT avg(csat) FROM conv) AS csat_avg;
`;

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node dist/bench/baseline.js FILE');
  const engine = await Engine.open();
  try {
    const statements = baselineSql(file)
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
    let last: unknown;
    for (const sql of statements) {
      if (sql.startsWith('SELECT')) last = await engine.all(sql, { path: file });
      else await engine.run(sql, { path: file });
    }
    process.stdout.write(
      `${JSON.stringify({ baseline: last, max_rss_mb: process.resourceUsage().maxRSS / 1024 })}\n`,
    );
  } finally {
    engine.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
