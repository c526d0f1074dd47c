// `baton ask`: the question set's accuracy (exact structured interpretation), refusals, dates, and answers equal to `baton query`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { askQuestion } from '../src/ask/answer.js';
import { readDataValues } from '../src/ask/data-values.js';
import { describeRange, scanDates } from '../src/ask/dates.js';
import { parseQuestion } from '../src/ask/parse.js';
import { EXAMPLE_QUESTIONS } from '../src/ask/suggest.js';
import { editDistance, repair } from '../src/ask/tokenize.js';
import type { AskQuery, DataValues } from '../src/ask/types.js';
import { Baton } from '../src/baton.js';
import { parseCommandArgs } from '../src/cli/command.js';
import { askCommand } from '../src/cli/commands/ask.js';
import { writeDemoCsv } from '../src/demo/index.js';
import { UsageError } from '../src/model/errors.js';
import { withTempDir } from './support/temp-data.js';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/ask/questions.json', import.meta.url));

interface Case {
  q: string;
  expect?: Partial<AskQuery>;
  refuse?: string;
}
const SET = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
  today: string;
  values: DataValues;
  questions: Case[];
  /** Written after the parser was tuned on `questions`: measured and printed, refusals checked. */
  holdout: Case[];
};

const full = (e: Partial<AskQuery>): AskQuery => ({
  intent: 'value',
  metrics: [],
  by: [],
  where: {},
  range: null,
  compare: null,
  rank: null,
  focus: null,
  ...e,
});

test('question set: at least 200 varied questions, refusals included', () => {
  assert.ok(SET.questions.length >= 200, `${SET.questions.length} questions`);
  assert.ok(SET.questions.filter((c) => c.refuse).length >= 25);
  assert.equal(new Set(SET.questions.map((c) => c.q.toLowerCase())).size, SET.questions.length, 'no repeats');
});

test('accuracy: exact match of the structured interpretation is at least 95%, every refusal refused', () => {
  const misses: string[] = [];
  let right = 0;
  let refusalsRefused = 0;
  const refusals = SET.questions.filter((c) => c.refuse);
  for (const c of SET.questions) {
    const parsed = parseQuestion(c.q, { today: SET.today, values: SET.values });
    if (c.refuse) {
      if (!parsed.ok) refusalsRefused++;
      if (!parsed.ok && parsed.problem.code === c.refuse) right++;
      else
        misses.push(
          `${c.q}\n    expected refusal ${c.refuse}, got ${JSON.stringify(parsed.ok ? parsed.query : parsed.problem.code)}`,
        );
      continue;
    }
    const got = parsed.ok ? parsed.query : parsed.problem.message;
    try {
      assert.deepEqual(got, full(c.expect!));
      right++;
    } catch {
      misses.push(
        `${c.q}\n    expected ${JSON.stringify(full(c.expect!))}\n    got      ${JSON.stringify(got)}`,
      );
    }
  }
  const accuracy = right / SET.questions.length;
  console.log(
    `ask accuracy: ${right}/${SET.questions.length} = ${(accuracy * 100).toFixed(1)}% ` +
      `(${SET.questions.length - refusals.length} answerable, ${refusals.length} to refuse, ${refusalsRefused} refused)`,
  );
  if (misses.length) console.log(`misses:\n  ${misses.join('\n  ')}`);
  assert.equal(refusalsRefused, refusals.length, 'every refusal case is refused');
  assert.ok(accuracy >= 0.95, `accuracy ${accuracy}`);
});

test('holdout questions: accuracy printed, every refusal refused', () => {
  let right = 0;
  for (const c of SET.holdout) {
    const parsed = parseQuestion(c.q, { today: SET.today, values: SET.values });
    if (c.refuse) assert.equal(parsed.ok, false, c.q);
    if (
      c.refuse
        ? !parsed.ok && parsed.problem.code === c.refuse
        : parsed.ok && isDeepStrictEqual(parsed.query, full(c.expect!))
    )
      right++;
  }
  console.log(
    `ask holdout accuracy: ${right}/${SET.holdout.length} = ${((right / SET.holdout.length) * 100).toFixed(1)}%`,
  );
});

test('dates: relative to a fixed today, clipped to it, written out in words', () => {
  const range = (text: string) => {
    const tokens = text.split(' ');
    return scanDates(
      tokens,
      '2026-11-12',
      tokens.map(() => false),
    ).ranges.map((r) => r.range);
  };
  assert.deepEqual(range('last month'), [{ from: '2026-10-01', to: '2026-10-31' }]);
  assert.deepEqual(range('last week'), [{ from: '2026-11-02', to: '2026-11-08' }]);
  assert.deepEqual(range('last 7 day'), [{ from: '2026-11-06', to: '2026-11-12' }]);
  assert.deepEqual(range('this quarter'), [{ from: '2026-10-01', to: '2026-11-12' }]);
  assert.deepEqual(range('since march'), [{ from: '2026-03-01', to: '2026-11-12' }]);
  assert.deepEqual(
    range('in december'),
    [{ from: '2025-12-01', to: '2025-12-31' }],
    'the latest December past',
  );
  assert.deepEqual(range('q4'), [{ from: '2026-10-01', to: '2026-11-12' }]);
  assert.equal(scanDates(['next', 'month'], '2026-11-12', [false, false]).future, true);
  assert.deepEqual(range('may be'), [], '"may" is a month only where a date is expected');
  assert.equal(describeRange({ from: '2026-10-01', to: '2026-10-31' }), '1-31 October 2026');
  assert.equal(describeRange({ from: '2026-10-14', to: '2026-11-12' }), '14 October - 12 November 2026');
  assert.equal(describeRange({ from: '2025-12-30', to: '2026-01-02' }), '30 December 2025 - 2 January 2026');
});

test('typos: repaired within edit distance 1 (2 from 7 letters), never into a tie or a short word', () => {
  const known = new Set(['success', 'team', 'time', 'tier', 'escalation', 'june', 'october']);
  assert.equal(editDistance('tiem', 'time'), 1);
  assert.equal(repair('sucess', known), 'success');
  assert.equal(repair('escalaton', known), 'escalation');
  assert.equal(repair('tema', known), 'team');
  assert.equal(repair('tiem', known), 'time', 'a swap beats a substitution at the same distance');
  assert.equal(repair('tiee', known), 'tiee', 'time and tier are equally close: no guess');
  assert.equal(repair('jane', known), 'jane', 'not repaired into a short month name');
  assert.equal(repair('abc', known), 'abc', 'three letters are never repaired');
});

test('a value that names two things is refused with both readings, never guessed', () => {
  const values: DataValues = { team: ['Billing'], category: ['billing'] };
  const parsed = parseQuestion('handoff success rate for billing', { today: '2026-11-12', values });
  assert.equal(parsed.ok, false);
  if (!parsed.ok) {
    assert.equal(parsed.problem.code, 'ambiguous-value');
    assert.match(parsed.problem.message, /team Billing or the category billing/);
    assert.equal(parsed.suggestions.length, 3);
  }
  const named = parseQuestion('handoff success rate for the billing team', { today: '2026-11-12', values });
  assert.ok(named.ok && named.query.where.to_team === 'Billing');
});

test('words that are Object.prototype members are plain words, never months, days or rankings', () => {
  for (const q of [
    'top constructor teams by handoff success rate',
    'handoff success rate in toString',
    'handoffs on hasOwnProperty by team',
  ]) {
    assert.doesNotThrow(() => parseQuestion(q, { today: '2026-11-12', values: {} }), q);
  }
});

test('every suggested question is one ask can read', () => {
  for (const q of EXAMPLE_QUESTIONS) {
    const parsed = parseQuestion(q, { today: SET.today, values: SET.values });
    assert.ok(parsed.ok, `${q}: ${parsed.ok ? '' : parsed.problem.message}`);
  }
});

/** Demo data (fixed seed) imported once for the end-to-end checks below. */
async function withDemo(work: (baton: Baton, file: string) => Promise<void>): Promise<void> {
  await withTempDir(async (dir) => {
    const file = join(dir, 'demo.csv');
    await writeDemoCsv(file, { conversations: 3000, seed: 11 });
    const baton = await Baton.open();
    try {
      await baton.import([file]);
      await work(baton, file);
    } finally {
      baton.close();
    }
  });
}

async function run(baton: Baton, question: string) {
  const answer = await askQuestion(baton, question, { today: SET.today });
  if ('error' in answer) throw new Error(`${question}: ${answer.error.message}`);
  return answer;
}

test('end to end on demo data: every answer equals baton query for the same structured query', async () => {
  await withDemo(async (baton) => {
    // The question set's values are this demo's own values, read with SQL.
    const values = await readDataValues(baton.engine);
    for (const [kind, list] of Object.entries(SET.values))
      assert.deepEqual([...(values[kind as keyof DataValues] ?? [])].sort(), [...list].sort(), kind);

    const direct = await run(baton, 'What is the handoff success rate from chat to email?');
    const q1 = await baton.query({
      metrics: ['handoff_success_rate'],
      where: { from_channel: 'chat', to_channel: 'email' },
    });
    assert.deepEqual(direct.groups[0]!.result.rows, q1.rows);
    assert.ok((q1.rows[0]!.values.handoff_success_rate!.denominator ?? 0) > 50);

    // A month as a date range gives what the month dimension gives.
    const october = await run(baton, 'handoff success rate by team in October');
    const q2 = await baton.query({
      metrics: ['handoff_success_rate'],
      by: ['to_team'],
      where: { month: '2026-10' },
    });
    assert.deepEqual(october.groups[0]!.result.rows, q2.rows);
    assert.match(october.text, /1-31 October 2026/);

    const day = await run(baton, 'how many handoffs on 5 October?');
    const q3 = await baton.query({ metrics: ['handoffs'], where: { date: '2026-10-05' } });
    assert.deepEqual(day.groups[0]!.result.rows, q3.rows);

    const compare = await run(baton, 'warm vs cold transfers: which succeed more?');
    assert.deepEqual(
      compare.groups.map((g) => g.label),
      ['warm', 'cold'],
    );
    for (const g of compare.groups) {
      const q = await baton.query({ metrics: ['handoff_success_rate'], where: { transfer_type: g.label } });
      assert.deepEqual(g.result.rows, q.rows);
    }
    assert.match(compare.text, /95% intervals (do not )?overlap/);

    const weekend = await run(baton, 'how many handoffs on weekends?');
    const byDay = await baton.query({ metrics: ['handoffs'], by: ['weekday'] });
    const satSun = byDay.rows
      .filter((r) => r.dimensions.weekday === 'Sat' || r.dimensions.weekday === 'Sun')
      .reduce((sum, r) => sum + (r.values.handoffs!.value ?? 0), 0);
    assert.equal(weekend.groups[0]!.result.rows[0]!.values.handoffs!.value, satSun);

    const worst = await run(baton, 'worst 5 agents by handoff success, at least 20 handoffs');
    const all = await baton.query({ metrics: ['handoff_success_rate'], by: ['to_agent'] });
    const expected = all.rows
      .filter(
        (r) => r.dimensions.to_agent !== '(none)' && (r.values.handoff_success_rate!.denominator ?? 0) >= 20,
      )
      .sort(
        (a, b) =>
          a.values.handoff_success_rate!.value! - b.values.handoff_success_rate!.value! ||
          String(a.dimensions.to_agent).localeCompare(String(b.dimensions.to_agent)),
      )
      .slice(0, 5);
    assert.deepEqual(worst.groups[0]!.result.rows, expected);
    assert.equal(expected.length, 5);

    const why = await run(baton, 'why are weekend handoffs failing?');
    assert.match(why.text, /`baton diagnose` tests every segment/);
    assert.match(why.text, /\* Sat: /);
    assert.match(why.sql, /\$tz = 'UTC'/);
  });
});

async function cli(argv: string[]) {
  const { values, positionals } = parseCommandArgs(askCommand, argv);
  const out: string[] = [];
  const err: string[] = [];
  const code = await askCommand.run(values, positionals, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('baton ask: --json shape, text with interval and SQL, refusal exit 2 with "error"', async () => {
  await withDemo(async (_baton, file) => {
    const args = [file, '-q', '--today', SET.today];
    const json = await cli([...args, 'handoff success rate from chat to email last month?', '--json']);
    assert.equal(json.code, 0, json.err);
    const body = JSON.parse(json.out);
    assert.deepEqual(Object.keys(body), ['interpretation', 'text', 'sql', 'result']);
    assert.deepEqual(body.interpretation.where, { from_channel: 'chat', to_channel: 'email' });
    assert.match(body.text, /^Handoff success rate, handoffs from chat to email, 1-31 October 2026:/);
    assert.match(body.text, /95% interval .*n = \d+ handoffs/);
    assert.match(body.sql, /\$ask_from = '2026-10-01'/);
    assert.deepEqual(Object.keys(body.result.groups[0].rows[0]), ['handoff_success_rate', 'n', 'ci95']);

    const text = await cli([...args, 'which teams ping-pong most?']);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /1\. .+: \d+\.\d%/);
    assert.match(text.out, /SQL that ran:\n/);

    const refused = await cli([...args, 'what is the weather in Paris?', '--json']);
    assert.equal(refused.code, 2);
    const error = JSON.parse(refused.out);
    assert.equal(error.error.code, 'unknown-words');
    assert.match(error.error.message, /^I could not read 'weather', 'paris'/);
    assert.equal(error.suggestions.length, 3);
    const plain = await cli([...args, 'forecast csat for next month']);
    assert.equal(plain.code, 2);
    assert.match(plain.err, /does not forecast[\s\S]*Questions I can answer/);
    await assert.rejects(cli([...args, 'success rate', '--today', 'yesterday']), UsageError);
  });
});
