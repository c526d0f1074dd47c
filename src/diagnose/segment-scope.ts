// Diagnosis of one segment ("why are weekend handoffs failing?"): the derived tables are shadowed by filtered
// temporary copies, so every detector runs unchanged on that segment alone, then the copies are dropped.
import type { SqlEngine, SqlParams } from '../engine/sql-engine.js';
import { dimensionSql } from '../metrics/compile.js';
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
  engine: SqlEngine,
  tz: string,
  filter: SegmentFilter,
  work: () => Promise<T>,
): Promise<T> {
  const d = engine.dialect;
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
    const text = d.textType;
    if (dimension.sql.handoff !== undefined)
      handoffConditions.push(
        `CAST((${dimensionSql(dimension, 'handoff', d)}) AS ${text}) IN (${names.join(', ')})`,
      );
    else if (dimension.sql.conversation !== undefined)
      conversationConditions.push(
        `CAST((${dimensionSql(dimension, 'conversation', d)}) AS ${text}) IN (${names.join(', ')})`,
      );
    else throw new UsageError(`A segment cannot be defined by '${id}'.`);
  }
  const handoffWhere = handoffConditions.length ? handoffConditions.join(' AND ') : 'true';
  const conversationWhere = conversationConditions.length ? conversationConditions.join(' AND ') : 'true';
  const stored = (name: string) => engine.storedTable(name);
  const scoped = (name: string, select: string) =>
    d
      .createTable(name, select, { temp: true })
      .reduce<Promise<void>>((done, sql) => done.then(() => engine.run(sql, params)), Promise.resolve());
  try {
    await scoped(
      'conversations',
      `SELECT * FROM ${stored('conversations')} WHERE (${conversationWhere})
         AND (${handoffConditions.length ? `conversation_id IN (SELECT conversation_id FROM ${stored('handoffs')} WHERE ${handoffWhere})` : 'true'})`,
    );
    await scoped(
      'handoffs',
      `SELECT * FROM ${stored('handoffs')}
       WHERE (${handoffWhere}) AND conversation_id IN (SELECT conversation_id FROM ${d.tempTable('conversations')})`,
    );
    await scoped(
      'events',
      `SELECT * FROM ${stored('events')} WHERE conversation_id IN (SELECT conversation_id FROM ${d.tempTable('conversations')})`,
    );
    return await work();
  } finally {
    for (const sql of d.dropTables(SCOPED, { temp: true })) await engine.run(sql);
  }
}
