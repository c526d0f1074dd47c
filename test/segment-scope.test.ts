// Diagnosis of one segment: detectors see only that segment's rows, and the full tables are back afterwards.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { askQuestion } from '../src/ask/answer.js';
import { Baton } from '../src/baton.js';
import { writeDemoCsv } from '../src/demo/index.js';
import { withSegmentScope } from '../src/diagnose/segment-scope.js';
import { withTempDir } from './support/temp-data.js';

test('a segment scope shadows the derived tables and restores them', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'demo.csv');
    await writeDemoCsv(file, { conversations: 1500, seed: 9 });
    const baton = await Baton.open();
    try {
      await baton.import([file]);
      const count = async (table: string) =>
        (await baton.engine.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).n;
      const before = { handoffs: await count('handoffs'), conversations: await count('conversations') };
      const inside = await withSegmentScope(baton.engine, 'UTC', { weekday: ['Sat', 'Sun'] }, async () => ({
        handoffs: await count('handoffs'),
        other: (
          await baton.engine.one<{ n: number }>(
            "SELECT count(*) AS n FROM handoffs WHERE strftime(handoff_at, '%a') NOT IN ('Sat', 'Sun')",
          )
        ).n,
      }));
      assert.ok(inside.handoffs > 0 && inside.handoffs < before.handoffs);
      assert.equal(inside.other, 0);
      assert.deepEqual(
        { handoffs: await count('handoffs'), conversations: await count('conversations') },
        before,
      );

      const answer = await askQuestion(baton, 'why are weekend handoffs failing?', { today: '2026-11-01' });
      assert.ok('diagnosis' in answer && answer.diagnosis, 'a why-question carries the segment diagnosis');
      assert.match(answer.text, /Diagnosis of that segment/);
      assert.equal(await count('handoffs'), before.handoffs);
    } finally {
      baton.close();
    }
  });
});
