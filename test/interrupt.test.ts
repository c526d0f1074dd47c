// An import killed halfway (SIGKILL, a real child process) leaves the database as it was before that import.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Baton } from '../src/baton.js';
import { writeDemoCsv } from '../src/demo/index.js';
import { workedExampleCsv } from './fixtures/worked-example.js';
import { withTempDir } from './support/temp-data.js';

const BATON = fileURLToPath(new URL('../../bin/baton', import.meta.url));

test('SIGKILL during an import leaves the database as it was', async () => {
  await withTempDir(async (dir) => {
    const small = join(dir, 'small.csv');
    const big = join(dir, 'big.csv');
    const db = join(dir, 'support.duckdb');
    await writeFile(small, workedExampleCsv());
    await writeDemoCsv(big, { conversations: 40_000, seed: 5 });
    const first = spawnSync(BATON, ['analyze', small, '--db', db, '-q', '--json'], { encoding: 'utf8' });
    assert.equal(first.status, 0, first.stderr);
    const before = JSON.parse(first.stdout).data;

    const child = spawn(BATON, ['analyze', big, '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const killed = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // Killed while the file's transaction is open: the import of 500k+ events takes well over 150 ms.
      if (stderr.includes('importing')) setTimeout(() => child.kill('SIGKILL'), 150);
    });
    assert.equal(await killed, 'SIGKILL');
    assert.doesNotMatch(
      stderr,
      /rows read/,
      'the kill came after the import finished; the test proves nothing',
    );

    const baton = await Baton.open({ db });
    try {
      const after = await baton.analyze();
      assert.equal(after.data.events, before.events);
      assert.equal(after.data.conversations, 1000);
      assert.equal(after.metrics.handoffs?.value, 360);
    } finally {
      baton.close();
    }
  });
});
