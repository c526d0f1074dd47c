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
      await baton.close();
    }
  });
}

export const HEADER =
  'conversation_id,timestamp,event_type,actor,agent_id,team,tier,channel,text,csat,customer_id,segment,category,priority,reason,transfer_type';

/** Builds a CSV from compact rows in HEADER order, e.g. `c1, 09:00, assign, , ann, Billing, L1, chat`; missing = empty. */
export function csvOf(rows: readonly string[], day = '2026-10-01'): string {
  const width = HEADER.split(',').length;
  const lines = rows.map((r) => {
    const cells = r.split(',').map((c) => c.trim());
    // Short times are on `day`, in UTC.
    const time = cells[1] ?? '';
    if (/^\d{2}:\d{2}(:\d{2})?$/.test(time)) cells[1] = `${day}T${time.length === 5 ? `${time}:00` : time}Z`;
    while (cells.length < width) cells.push('');
    return cells.join(',');
  });
  return `${[HEADER, ...lines].join('\n')}\n`;
}
