// `segments`: every group against the rest, BH across all groups; a planted slow channel pair is found, a clean demo is quiet.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Baton } from '../src/baton.js';
import { commandHelp, parseCommandArgs } from '../src/cli/command.js';
import { segmentsCommand } from '../src/cli/commands/segments.js';
import { PLANTS, type PlantedPattern, writeDemoCsv } from '../src/demo/index.js';
import { UsageError } from '../src/model/errors.js';
import { type SegmentsReport, segmentBreakdowns } from '../src/segments/segments.js';
import { withTempDir } from './support/temp-data.js';

const FLAGGED = new Set(['worse', 'better', 'different']);

async function onDemo<T>(
  options: { clean?: boolean; plant?: PlantedPattern[] },
  work: (baton: Baton, file: string) => Promise<T>,
): Promise<T> {
  return withTempDir(async (dir) => {
    const file = join(dir, 'demo.csv');
    await writeDemoCsv(file, { conversations: 3000, seed: 7, ...options });
    const baton = await Baton.open();
    try {
      await baton.import([file]);
      return await work(baton, file);
    } finally {
      baton.close();
    }
  });
}

const flagged = (report: SegmentsReport) =>
  report.breakdowns.flatMap((b) =>
    b.groups.filter((g) => FLAGGED.has(g.verdict)).map((g) => ({ ...b, ...g, groups: undefined })),
  );

test('a planted slow chat→email pair is flagged; values come from the catalog; small groups are not judged', async () => {
  await onDemo({ clean: true, plant: ['slow-channel'] }, async (baton) => {
    const report = await segmentBreakdowns(baton.engine, {});
    const time = report.breakdowns.find(
      (b) => b.dimension === 'channel_pair' && b.metric === 'handoff_time_median_s',
    )!;
    const slow = time.groups.find((g) => g.group === 'chat→email')!;
    assert.equal(slow.verdict, 'worse');
    const ratio = slow.value.value! / slow.test!.rest.value!;
    assert.ok(ratio > PLANTS.slowChannel.factor / 2, `chat→email waits ${ratio.toFixed(1)}× the rest`);
    // The only channel pair that differs is the planted one (abandonment follows from the longer wait).
    const channels = flagged(report).filter((f) => f.family === 'channel');
    assert.deepEqual([...new Set(channels.map((f) => `${f.group} ${f.verdict}`))], ['chat→email worse']);
    // Nothing in time, agents or categories: the clean demo has no such mechanism.
    assert.deepEqual(
      flagged(report).filter((f) => ['time', 'agent', 'category'].includes(f.family)),
      [],
    );
    // Values, intervals and n are the catalog's: the same as baton query.
    const query = await baton.query({ metrics: ['handoff_time_median_s'], by: ['channel_pair'] });
    const row = query.rows.find((r) => r.dimensions.channel_pair === 'chat→email')!.values
      .handoff_time_median_s!;
    assert.deepEqual(
      [slow.value.value, slow.value.ci95, slow.value.n],
      [row.value, row.ci95, row.denominator],
    );
    // Every group is shown; those under the minimum (or with too small a rest) carry no test and no verdict.
    const min = report.thresholds.min_sample;
    let tests = 0;
    for (const b of report.breakdowns)
      for (const g of b.groups) {
        if (g.test) {
          tests++;
          assert.ok(g.value.n >= min && g.test.rest.n >= min);
          assert.ok(g.q_value !== null && g.q_value >= g.test.p_value, 'BH never lowers a p-value');
        } else assert.equal(g.verdict, 'too-few');
      }
    assert.equal(tests, report.thresholds.tests);
    assert.ok(report.breakdowns.some((b) => b.groups.some((g) => g.verdict === 'too-few')));
    // Conversation metrics are not broken down by handoff attributes.
    assert.ok(report.skipped.some((s) => s.metric === 'csat_avg' && s.dimension === 'channel_pair'));
  });
});

test('the clean demo: only priority (its queue order is kept in the clean simulation) and segment differ', async () => {
  await onDemo({ clean: true }, async (baton) => {
    const report = await segmentBreakdowns(baton.engine, {});
    const families = new Set(flagged(report).map((f) => f.family));
    assert.deepEqual(
      [...families].filter((f) => f !== 'priority' && f !== 'segment'),
      [],
      JSON.stringify(flagged(report)),
    );
    // Urgent conversations are picked up first (PRIORITY_WAIT_FACTOR): a real difference, found.
    assert.ok(flagged(report).some((f) => f.group === 'urgent' && f.verdict === 'better'));
  });
});

test('baton segments on the default demo with the plant: text names chat→email, --json holds every group', async () => {
  await onDemo({ plant: ['slow-channel'] }, async (_baton, file) => {
    const run = async (argv: string[]) => {
      const out: string[] = [];
      const { values, positionals } = parseCommandArgs(segmentsCommand, argv);
      const code = await segmentsCommand.run(values, positionals, { out: (t) => out.push(t), err: () => {} });
      return { code, out: out.join('\n') };
    };
    const text = await run([file, '-q', '--family', 'channel,time', '--metric', 'handoff_time_median_s']);
    assert.equal(text.code, 0);
    assert.match(text.out, /chat→email\s.*WORSE/);
    assert.match(text.out, /too few to judge/);
    const json = JSON.parse(
      (await run([file, '-q', '--family', 'channel,agent', '--json'])).out,
    ) as SegmentsReport;
    assert.deepEqual(json.families, ['channel', 'agent']);
    // Agents' rates are shrunk towards one rate all agents share: shrunk = w·raw + (1 − w)·prior mean.
    const agents = json.breakdowns.find(
      (b) => b.dimension === 'to_agent' && b.metric === 'handoff_success_rate',
    )!;
    const named = agents.groups.filter((g) => g.shrunk);
    assert.ok(named.length > 5 && agents.groups.some((g) => g.group === '(none)' && !g.shrunk));
    const priors = named.map(
      (g) => (g.shrunk!.value - g.shrunk!.weight * g.value.value!) / (1 - g.shrunk!.weight),
    );
    for (const m of priors)
      assert.ok(Math.abs(m - priors[0]!) < 1e-9, `one prior mean for all agents: ${priors}`);
    const pair = json.breakdowns.find((b) => b.metric === 'handoff_time_median_s')!;
    assert.equal(pair.groups.find((g) => g.group === 'chat→email')?.verdict, 'worse');
    await assert.rejects(
      run([file, '-q', '--metric', 'nope', '--family', 'weather']),
      (e: unknown) =>
        e instanceof UsageError && e.problems.map((p) => p.code).join() === 'unknown-metric,unknown-family',
    );
  });
});

test('segments --help lists the families, defaults and the test rules', () => {
  const help = commandHelp(segmentsCommand);
  for (const text of [
    '--metric',
    '--family',
    'hour_weekday',
    'business_hours',
    '--min-sample',
    '--alpha',
    'Benjamini-Hochberg',
    'too few to judge',
  ])
    assert.ok(help.includes(text), text);
});
