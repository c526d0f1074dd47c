// `baton inspect` and mapping presets: what the import made of a file, and mapping an export once.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from './support/run-cli.js';
import { withTempDir } from './support/temp-data.js';

const MESSY = [
  'Ticket,When,What,Who,Agent,Group',
  'c1,2026-10-01 09:00:00,assign,,ann,Billing',
  'c1,2026-10-01 08:59:00,message,customer,,',
  'c1,2026-10-01 09:05:00,message,agent,ann,',
  'c1,2026-10-01 09:10:00,resolve,,,',
  'c1,2026-10-01 09:20:00,message,customer,,',
  'c2,2026-10-01 10:00:00,message,agent,bob,',
  'c3,2026-10-01 10:00:00,frobnicate,agent,bob,',
].join('\n');

test('inspect reports source, mapping, counts and quality warnings with counts and examples', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'messy.csv');
    await writeFile(file, MESSY);
    const map = ['--map', 'conversation_id=Ticket', '--map', 'timestamp=When', '--map', 'event_type=What'];
    const more = ['--map', 'actor=Who', '--map', 'agent_id=Agent', '--map', 'team=Group'];
    const run = await runCli(['inspect', file, ...map, ...more, '--tz', 'Europe/Paris', '--json']);
    assert.equal(run.code, 0, run.err);
    const result = JSON.parse(run.out);
    assert.equal(result.files[0].source, 'generic');
    assert.equal(result.files[0].mapping.conversation_id, 'Ticket');
    assert.deepEqual(
      [result.files[0].rowsRead, result.files[0].imported, result.files[0].rejected],
      [7, 6, 1],
    );
    assert.equal(result.counts.conversations, 2);
    assert.equal(result.span.tz, 'Europe/Paris');
    assert.equal(result.span.first_event, '2026-10-01T06:59:00Z');
    const byCode = Object.fromEntries(
      result.warnings.map((w: { code: string; count?: number }) => [w.code, w.count ?? 1]),
    );
    assert.equal(byCode['unknown-event-type'], 1);
    assert.equal(byCode['naive-timestamp'], 6);
    assert.equal(byCode['implicit-ownership'], 1);
    assert.equal(byCode['out-of-order'], 1);
    assert.equal(byCode['events-after-resolution'], 1);
    assert.equal(byCode['single-event'], 1);
    const text = await runCli(['inspect', file, ...map, ...more]);
    assert.match(text.out, /SAMPLE EVENTS AS IMPORTED/);
    assert.match(text.out, /mapping: conversation_id ← Ticket/);
  });
});

test('a mapping preset is saved once and reused; command-line options win', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'messy.csv');
    await writeFile(file, MESSY);
    const preset = join(dir, 'mapping.json');
    const args = ['--map', 'conversation_id=Ticket', '--map', 'timestamp=When', '--map', 'event_type=What'];
    const first = await runCli([
      'analyze',
      file,
      ...args,
      '--map',
      'actor=Who',
      '--save-mapping',
      preset,
      '--json',
      '-q',
    ]);
    assert.equal(first.code, 0, first.err);
    const saved = JSON.parse(await readFile(preset, 'utf8'));
    assert.equal(saved.map.conversation_id, 'Ticket');
    const again = await runCli(['analyze', file, '--mapping', preset, '--json', '-q']);
    assert.equal(again.code, 0, again.err);
    assert.deepEqual(JSON.parse(again.out).data, JSON.parse(first.out).data);
    await writeFile(preset, JSON.stringify({ map: { conversation_id: 'Ticket' }, colour: 'blue' }));
    const bad = await runCli(['analyze', file, '--mapping', preset, '-q']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /unknown or non-text key 'colour'/);
  });
});
