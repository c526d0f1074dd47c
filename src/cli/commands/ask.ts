// `baton ask`: a question in plain English, read into a catalog query, answered with intervals and the SQL that ran.
import { askQuestion, refusalText } from '../../ask/answer.js';
import { answerJson, localToday } from '../../ask/answer-json.js';
import { ExitCode, UsageError } from '../../model/errors.js';
import { type Command, str } from '../command.js';
import { DATA_OPTIONS, ENGINE_OPTIONS, openWithData, writeJson } from '../shared-options.js';

export const askCommand: Command = {
  name: 'ask',
  summary: 'Answer a question in plain English ("handoff success rate from chat to email last month?").',
  usage: 'baton ask (FILE... | --db FILE) "QUESTION" [--json] [--today YYYY-MM-DD]',
  options: {
    ...DATA_OPTIONS,
    ...ENGINE_OPTIONS,
    json: {
      type: 'boolean',
      description: 'Print {"interpretation", "text", "sql", "result"} JSON (or {"error", "suggestions"}).',
    },
    today: {
      type: 'string',
      value: 'YYYY-MM-DD',
      description: 'The date "last month" and "yesterday" count from. Default: today in --tz.',
    },
  },
  details: [
    'The question is the last argument. It is read against the metric catalog and the values in your data,',
    'without any network model; a question it cannot read is refused (exit 2) with the closest questions it',
    'can answer, never guessed at. Full diagnosis of "why" questions is not available yet: they get the',
    'breakdown that is, with the segment asked about marked.',
    'Examples:',
    '  baton ask --db support.duckdb "what is the handoff success rate from chat to email last month?"',
    '  baton ask events.csv "worst 5 agents by handoff success" --today 2026-11-12',
    '  baton ask --db support.duckdb "warm vs cold transfers: which succeed more?" --json',
  ].join('\n'),
  async run(values, positionals, io) {
    const question = positionals.at(-1);
    if (!question?.trim())
      throw new UsageError(
        'Give the question as the last argument, e.g. baton ask --db support.duckdb "how many handoffs last week?"',
      );
    const today = str(values.today) ?? localToday(str(values.tz) ?? 'UTC');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`)))
      throw new UsageError(`--today '${today}' must be a date like 2026-11-12.`);
    const { baton } = await openWithData(values, positionals.slice(0, -1), io);
    try {
      const answer = await askQuestion(baton, question, { today });
      if ('error' in answer) {
        if (values.json) writeJson(io, answer);
        else io.err(`baton: ${refusalText(answer)}`);
        return ExitCode.usage;
      }
      if (values.json) writeJson(io, answerJson(answer));
      else io.out(`${answer.text}\n\nSQL that ran:\n${answer.sql}`);
      return ExitCode.ok;
    } finally {
      await baton.close();
    }
  },
};
