// The repeat-explanation detector against the hand-labelled transcripts: every label is a real handoff, and the held-out split scores well.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import {
  LABELS,
  type Label,
  type Measurement,
  measureRepeatDetector,
} from '../bench/repeat-detector-measure.js';

let measured: Measurement;
const labels = JSON.parse(readFileSync(LABELS, 'utf8')) as Label[];

before(async () => {
  measured = await measureRepeatDetector();
});

test('every label names a handoff Baton derived, and every derived handoff is labelled once', () => {
  assert.deepEqual(measured.unmatchedLabels, []);
  assert.deepEqual(measured.unlabelledHandoffs, []);
  const keys = new Set(labels.map((l) => `${l.conversation_id}#${l.handoff_no}`));
  assert.equal(keys.size, labels.length, 'a handoff is labelled twice');
  assert.equal(measured.handoffs.length, labels.length);
});

test('the set is large enough, has both classes, and labels are consistent', () => {
  assert.ok(labels.length >= 200, `${labels.length} handoffs`);
  assert.ok(new Set(labels.map((l) => l.conversation_id)).size >= 150);
  const positives = labels.filter((l) => l.repeat).length;
  assert.ok(positives / labels.length >= 0.3 && positives / labels.length <= 0.5, `${positives} positives`);
  for (const l of labels) {
    assert.equal(
      l.repeat,
      l.kind !== 'none',
      `${l.conversation_id}#${l.handoff_no}: repeat and kind disagree`,
    );
    assert.ok(l.split === 'dev' || l.split === 'test');
  }
  // The split is by conversation: no conversation has handoffs on both sides.
  const splitOf = new Map<string, string>();
  for (const l of labels) {
    assert.equal(splitOf.get(l.conversation_id) ?? l.split, l.split, `${l.conversation_id} is split`);
    splitOf.set(l.conversation_id, l.split);
  }
  for (const split of ['dev', 'test'] as const) {
    const s = measured.scores[split];
    assert.ok(s.tp + s.fn > 20 && s.fp + s.tn > 20, `${split}: both classes present`);
  }
});

test('precision and recall are each at least 0.8 on the held-out test split', () => {
  const s = measured.scores.test;
  assert.equal(s.tp + s.fp + s.fn + s.tn, s.n);
  assert.ok((s.precision.value ?? 0) >= 0.8, `precision ${s.precision.value}`);
  assert.ok((s.recall.value ?? 0) >= 0.8, `recall ${s.recall.value}`);
  const [low, high] = s.recall.interval ?? [0, 0];
  assert.ok(
    low < (s.recall.value ?? 0) && (s.recall.value ?? 0) < high,
    'recall interval brackets the value',
  );
});

test('the hard negatives stay negative: "again" in another sense, new details, fresh questions', () => {
  const byKey = new Map(measured.handoffs.map((h) => [`${h.conversation_id}#${h.handoff_no}`, h]));
  // "it crashed again", "charged me again", "will it happen again", and a customer adding new facts in the same words.
  for (const key of ['rl-067#1', 'rl-007#1', 'rl-165#1', 'rl-078#1']) {
    const h = byKey.get(key);
    assert.ok(h, key);
    assert.equal(h.repeat, false, `${key} is labelled a negative`);
    assert.equal(h.predicted, false, `${key}: ${h.after}`);
  }
});
