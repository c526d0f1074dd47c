// Diagnosis of one segment ("why are weekend handoffs failing?"): the derived tables are shadowed by filtered
// temporary copies, so every detector runs unchanged on that segment alone, then the copies are dropped.
import type { Engine, SqlParams } from '../engine/engine.js';
import { catalog } from '../metrics/registry.js';
import { UsageError } from '../model/errors.js';

/** Dimension → accepted values (any of them). */
export type SegmentFilter = Readonly<Record<string, readonly string[]>>;

const SCOPED = ['handoffs', 'conversations', 'events'] as const;

/**
 * Handoffs where every dimension takes one of its values (dimensions that cannot slice handoffs apply to
 * their conversations), the conversations they belong to, and those conversations' events.
 */
export async function withSegmentScope<T>(
  engine: Engine,
  tz: string,
  filter: SegmentFilter,
  work: () => Promise<T>,
): Promise<T> {
  const params: SqlParams = { tz };
  const handoffConditions: string[] = [];
  const conversationConditions: string[] = [];
  let k = 0;
  for (const [id, values] of Object.entries(filter)) {
    const dimension = catalog.dimension(id);
    if (!dimension) throw new UsageError(`No dimension '${id}' to diagnose a segment by.`);
    const names = values.map((v) => {
      const key = `segment_${k++}`;
      params[key] = v;
      return `$${key}`;
    });
    const onHandoff = dimension.sql.handoff;
    const onConversation = dimension.sql.conversation;
    if (onHandoff) handoffConditions.push(`CAST((${onHandoff}) AS VARCHAR) IN (${names.join(', ')})`);
    else if (onConversation)
      conversationConditions.push(`CAST((${onConversation}) AS VARCHAR) IN (${names.join(', ')})`);
    else throw new UsageError(`A segment cannot be defined by '${id}'.`);
  }
  const handoffWhere = handoffConditions.length ? handoffConditions.join(' AND ') : 'true';
  const conversationWhere = conversationConditions.length ? conversationConditions.join(' AND ') : 'true';
  try {
    await engine.run(
      `CREATE OR REPLACE TEMP TABLE conversations AS SELECT * FROM main.conversations
       WHERE (${conversationWhere})
         AND (${handoffConditions.length ? `conversation_id IN (SELECT conversation_id FROM main.handoffs WHERE ${handoffWhere})` : 'true'})`,
      params,
    );
    await engine.run(
      `CREATE OR REPLACE TEMP TABLE handoffs AS SELECT * FROM main.handoffs
       WHERE (${handoffWhere}) AND conversation_id IN (SELECT conversation_id FROM temp.conversations)`,
      params,
    );
    await engine.run(
      'CREATE OR REPLACE TEMP TABLE events AS SELECT * FROM main.events WHERE conversation_id IN (SELECT conversation_id FROM temp.conversations)',
    );
    return await work();
  } finally {
    for (const table of SCOPED) await engine.run(`DROP TABLE IF EXISTS temp.${table}`);
  }
}
