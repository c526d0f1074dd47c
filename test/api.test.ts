// The public barrel: every surface the CLI uses is a library call first, so each must be importable from src/index.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as api from '../src/index.js';

test('src/index exports every surface', () => {
  for (const name of [
    'Baton',
    'analyze',
    'runQuery',
    'queryJson',
    'inspect',
    'importFile',
    'exportTable',
    'askQuestion',
    'answerJson',
    'diagnose',
    'handoffCost',
    'withSegmentScope',
    'compareCohorts',
    'segmentBreakdowns',
    'compareToBenchmark',
    'handoverNetwork',
    'buildReport',
    'renderReport',
    'createApp',
    'listen',
    'generateDemoEvents',
    'writeDemoCsv',
    'catalog',
  ] as const) {
    assert.ok(name in api && (api as Record<string, unknown>)[name] !== undefined, `${name} is exported`);
  }
});
