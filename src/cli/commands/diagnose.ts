// `baton diagnose`: why handoffs fail and what to change: significant findings by failure pattern, most impact first.
import { DEFAULT_THRESHOLDS } from '../../diagnose/detector.js';
import { DETECTORS } from '../../diagnose/detectors/index.js';
import { diagnose } from '../../diagnose/diagnose.js';
import { UsageError } from '../../model/errors.js';
import { problem } from '../../model/problem.js';
import type { Command } from '../command.js';
import { str } from '../command.js';
import { renderDiagnosis } from '../render/diagnose.js';
import { DATA_OPTIONS, ENGINE_OPTIONS, openWithData, writeJson } from '../shared-options.js';

function numberOption(value: string | undefined, name: string, valid: (n: number) => boolean, hint: string) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || !valid(n))
    throw new UsageError(`--${name} '${value}' must be ${hint}.`, [
      problem('bad-option-value', 'error', `--${name} must be ${hint}`, { field: name }),
    ]);
  return n;
}

export const diagnoseCommand: Command = {
  name: 'diagnose',
  summary: 'Find why handoffs fail (five patterns), what it costs per month, and what to change.',
  usage:
    'baton diagnose (FILE... | --db FILE | --engine postgres|clickhouse --url URL) [--json] [--min-sample N] [--alpha Q] [--agent-min-handoffs N] [--business-hours SPEC] [--lost-thread-hours H] [--mid-exchange-minutes M] [--shift-end-minutes M]',
  options: {
    ...DATA_OPTIONS,
    ...ENGINE_OPTIONS,
    json: {
      type: 'boolean',
      description:
        'Print {"findings": [...], "tests_run": N, "thresholds": {...}, "detectors": [...], "handoff_cost": {...}} JSON on stdout, and "not_run": [...] on an engine that does not run every detector yet.',
    },
    'min-sample': {
      type: 'string',
      value: 'N',
      description: `Rows needed on each side of a comparison before it is tested. Default ${DEFAULT_THRESHOLDS.min_sample}.`,
    },
    alpha: {
      type: 'string',
      value: 'Q',
      description: `False discovery rate (Benjamini-Hochberg over every test run): findings need q below it. Default ${DEFAULT_THRESHOLDS.alpha}.`,
    },
    'agent-min-handoffs': {
      type: 'string',
      value: 'N',
      description: `Handoffs an agent must have received before agent-outliers assesses or names them. Default ${DEFAULT_THRESHOLDS.agent_min_handoffs}.`,
    },
    'lost-thread-hours': {
      type: 'string',
      value: 'H',
      description: `A customer starting a new conversation within this many hours after a failed handoff is a lost thread (lost-threads). Default ${DEFAULT_THRESHOLDS.lost_thread_hours}.`,
    },
    'mid-exchange-minutes': {
      type: 'string',
      value: 'M',
      description: `A customer message at most this many minutes old and unanswered at a handoff makes it mid-exchange (mid-exchange-handoffs). Default ${DEFAULT_THRESHOLDS.mid_exchange_minutes}.`,
    },
    'shift-end-minutes': {
      type: 'string',
      value: 'M',
      description: `Handoffs this many minutes or less before business hours close are shift-end handoffs (shift-end-handoffs). Default ${DEFAULT_THRESHOLDS.shift_end_minutes}.`,
    },
  },
  details: [
    'Every detector compares a segment with the rest of the operation, needs --min-sample rows on each side,',
    'an effect above its stated size, and q < --alpha after Benjamini-Hochberg across all tests. Impact is',
    'conversations per month × extra mean resolution time against comparable conversations (same category',
    'and start channel). On data without real differences the right answer is "No finding passes the thresholds".',
    '',
    'After the findings, what handoffs cost a month: the resolution hours they add like for like (the',
    'resolution_time_increase_per_handoff_adjusted metric, within category × start channel × priority), the',
    'hours customers wait at handoffs, and the hours receiving agents spend handling conversations after them.',
    '',
    'On --engine postgres|clickhouse the detectors run on the warehouse; any that cannot run there yet',
    'are listed as not run (a line after the findings, "not_run" in the JSON), never skipped silently.',
    '',
    'Detectors:',
    ...DETECTORS.map((d) => `  ${d.id} (${d.pattern}): ${d.describe}`),
    '',
    'Examples:',
    '  baton diagnose events.csv',
    "  baton diagnose --db support.duckdb --tz Europe/Paris --business-hours 'Mon-Sat 09:00-19:00' --json",
  ].join('\n'),
  async run(values, positionals, io) {
    const minSample = numberOption(
      str(values['min-sample']),
      'min-sample',
      (n) => Number.isInteger(n) && n >= 2,
      'a whole number of at least 2',
    );
    const alpha = numberOption(str(values.alpha), 'alpha', (n) => n > 0 && n < 1, 'between 0 and 1');
    const agentMin = numberOption(
      str(values['agent-min-handoffs']),
      'agent-min-handoffs',
      (n) => Number.isInteger(n) && n >= 1,
      'a whole number of at least 1',
    );
    const positive = (name: string) =>
      numberOption(str(values[name]), name, (n) => n > 0, 'a positive number');
    const lostHours = positive('lost-thread-hours');
    const midMinutes = positive('mid-exchange-minutes');
    const shiftMinutes = positive('shift-end-minutes');
    const businessHours = str(values['business-hours']);
    const { baton } = await openWithData(values, positionals, io);
    try {
      await baton.ensureDerived();
      const result = await diagnose(baton.analysisEngine, {
        tz: baton.tz,
        thresholds: {
          ...(minSample !== undefined ? { min_sample: minSample } : {}),
          ...(alpha !== undefined ? { alpha } : {}),
          ...(agentMin !== undefined ? { agent_min_handoffs: agentMin } : {}),
          ...(lostHours !== undefined ? { lost_thread_hours: lostHours } : {}),
          ...(midMinutes !== undefined ? { mid_exchange_minutes: midMinutes } : {}),
          ...(shiftMinutes !== undefined ? { shift_end_minutes: shiftMinutes } : {}),
        },
        ...(businessHours ? { businessHours } : {}),
      });
      if (values.json) {
        writeJson(io, {
          findings: result.findings,
          tests_run: result.tests_run,
          thresholds: result.thresholds,
          detectors: result.detectors,
          handoff_cost: result.handoff_cost,
          // Only where something did not run, so DuckDB's JSON keeps its shape.
          ...(result.not_run.length > 0 ? { not_run: result.not_run } : {}),
        });
      } else {
        io.out(renderDiagnosis(result));
        if (result.not_run.length > 0) io.out(notRunLine(result.not_run, baton.analysisEngine.dialect.name));
      }
      return 0;
    } finally {
      await baton.close();
    }
  },
};

/** Detectors the engine did not run, named so a quiet diagnosis is not read as a clean one. */
function notRunLine(notRun: readonly { id: string }[], engine: string): string {
  return `Not run on ${engine} yet (see --json not_run for why): ${notRun.map((d) => d.id).join(', ')}.`;
}
