// The most common routes conversations take through channels or teams, with how each route ended.
import type { SqlEngine, SqlParams } from '../engine/sql-engine.js';

export interface PathRow {
  sequence: string[];
  conversations: number;
  resolved: number;
  abandoned: number;
}

const SEPARATOR = ' → ';

/** Conversations to count: SQL conditions on the conversations table, with their bound values. */
export interface PathScope {
  conditions: readonly string[];
  params: SqlParams;
}

export async function topPaths(
  engine: SqlEngine,
  by: 'channel' | 'team',
  limit: number,
  scope: PathScope = { conditions: [], params: {} },
): Promise<PathRow[]> {
  const column = by === 'channel' ? 'channel_path' : 'team_path';
  const where = scope.conditions.length ? `WHERE ${scope.conditions.join(' AND ')}` : '';
  const rows = await engine.all<{ path: string; conversations: number; resolved: number; abandoned: number }>(
    `SELECT ${column} AS path, count(*) AS conversations, ${engine.dialect.countIf('resolved')} AS resolved,
       ${engine.dialect.countIf('abandoned')} AS abandoned
     FROM conversations ${where} GROUP BY ${column} ORDER BY conversations DESC, path LIMIT $limit`,
    { ...scope.params, limit },
  );
  return rows.map((r) => ({
    sequence: r.path.split(SEPARATOR),
    conversations: r.conversations,
    resolved: r.resolved,
    abandoned: r.abandoned,
  }));
}
