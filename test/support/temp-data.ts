// Test helper: write CSV text to a temporary file and run Baton on it, cleaning up afterwards.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Baton, type OpenOptions } from '../../src/baton.js';

export async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'baton-test-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Imports `csv` (generic format text) into an in-memory Baton and hands it to `work`. */
export async function withBaton<T>(
  csv: string,
  work: (baton: Baton) => Promise<T>,
  options: OpenOptions = {},
): Promise<T> {
  return withTempDir(async (dir) => {
    const file = join(dir, 'events.csv');
    await writeFile(file, csv);
    const baton = await Baton.open(options);
    try {
      await baton.import([file]);
      return await work(baton);
    } finally {
      baton.close();
    }
  });
}

export const HEADER =
  'conversation_id,timestamp,event_type,actor,agent_id,team,tier,channel,text,csat,customer_id,segment,category,priority,reason,transfer_type';

/** Builds a CSV from compact rows: `id, time, type, actor, agent, team, tier, channel` (missing = empty). */
export function csvOf(rows: readonly string[]): string {
  return (
    [
      HEADER,
      ...rows.map((r) =>
        r
          .split(',')
          .map((c) => c.trim())
          .join(','),
      ),
    ].join('\n') + '\n'
  );
}
