// Twitter customer-support threads (Kaggle "Customer Support on Twitter" CSV) read as conversations of tweets.
//
// Mapping (all SQL after one byte-level copy that reads bare carriage returns as spaces):
// - conversation: the root tweet of the reply chain (recursive walk over in_response_to_tweet_id); a tweet whose
//   parent is not in the file starts its own thread and is counted (`parent-not-in-file`).
// - every tweet is a `message` on channel twitter: inbound True = the customer (customer_id = author_id), False =
//   the brand, an agent of team author_id. Its text loses the @handles it starts with (reply addressing).
//   Threads have no assignments, so owners are read from who replied (implicit ownership, docs/semantics.md §2).
// - agent: the signature a brand puts at the end (`^JK`, `*TMT`, `-Becky`, `/CB`) as `brand:JK`. A change of
//   signature between a brand's replies is an agent handoff; an unsigned reply names no agent, so before any
//   signature the brand's queue owns the thread and after one the last signer keeps it.
// - a brand reply asking to move to direct messages ("DM us", "direct message", "private message") is followed by
//   a textless outbound message on channel dm: a channel handoff twitter → dm (reason DM_REASON). The DMs are not
//   in the data; a later public reply is a channel handoff back to twitter.
// - no resolution, rating or closing is recorded: every thread ends unresolved, so it counts as abandoned
//   (docs/semantics.md §4) and no handoff succeeds. Volumes, kinds, paths, times and texts are what it measures.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine, SqlParams } from '../../engine/engine.js';
import { DataError } from '../../model/errors.js';
import { type Problem, problem } from '../../model/problem.js';
import { DROP_CSV_REJECTS_SQL, readerSql } from '../formats.js';
import type { LoadedSource, Source, SourceOptions } from '../source.js';
import { csvParseErrors } from './generic.js';
import { readOrFail } from './read-or-fail.js';
import { copyWithoutBareCarriageReturns } from './twitter-line-ends.js';
import {
  CLEANUP_SQL,
  DM_PHRASES,
  DM_REASON,
  DM_SWITCHES_SQL,
  IMPORT_RAW_SQL,
  LOOPS_SQL,
  PARENT_MISSING_SQL,
  THREADS_SQL,
  TWITTER_COLUMNS,
  tweetsSql,
} from './twitter-sql.js';

const MAPPING: Readonly<Record<string, string>> = Object.freeze({
  conversation_id: 'root tweet_id of the in_response_to_tweet_id chain',
  timestamp: 'created_at (Tue Oct 31 22:10:47 +0000 2017)',
  event_type: 'message per tweet; a brand reply asking for a DM adds a textless message on channel dm',
  actor: 'inbound: True = customer, False = agent',
  agent_id: 'brand reply signature (^JK, *TM, -Becky, /CB) as author_id:signature; unsigned = none',
  team: 'author_id of brand replies',
  channel: 'twitter; dm for the switch a DM request makes',
  text: 'text without the leading @handles that address the reply (bare carriage returns read as spaces)',
  customer_id: 'author_id of customer tweets',
  reason: 'DM switches: the brand asked to continue in direct messages',
  event_id: 'tweet_id (DM switch: tweet_id:dm)',
});

export const twitterSource: Source = {
  id: 'twitter',
  title: 'Twitter customer-support tweets (Kaggle twcs CSV)',
  sniff: (head) => {
    const header = (head.split(/\r?\n/, 1)[0] ?? '').toLowerCase().split(',');
    return TWITTER_COLUMNS.every((c) => header.includes(c));
  },
  async load(engine: Engine, file: string, _options: SourceOptions): Promise<LoadedSource> {
    const folder = await mkdtemp(join(tmpdir(), 'baton-twitter-'));
    try {
      const copy = join(folder, 'tweets.csv');
      const carriageReturns = await readOrFail(file, () => copyWithoutBareCarriageReturns(file, copy));
      const params: SqlParams = { path: copy };
      const columns = await readOrFail(file, () =>
        engine.all<{ column_name: string }>(
          `DESCRIBE SELECT * FROM ${readerSql('csv', { longLines: true })}`,
          params,
        ),
      );
      const names = new Set(columns.map((c) => c.column_name));
      const missing = TWITTER_COLUMNS.filter((c) => !names.has(c));
      if (missing.length > 0) {
        throw new DataError(
          `Cannot read ${file}: it is not a Twitter support export.`,
          missing.map((c) =>
            problem('missing-column', 'error', `the Twitter column '${c}' is missing`, { file, field: c }),
          ),
        );
      }
      // Parse errors of an earlier file must not be counted against this one.
      await engine.run(`${CLEANUP_SQL}; ${DROP_CSV_REJECTS_SQL}`);
      await readOrFail(file, () => engine.run(tweetsSql(readerSql('csv', { longLines: true })), params));
      await engine.run(THREADS_SQL);
      await engine.run(IMPORT_RAW_SQL, { dm: DM_PHRASES, dm_reason: DM_REASON });
      const problems = await twitterProblems(engine, file, carriageReturns);
      const records = (await engine.one<{ n: number }>('SELECT count(*) AS n FROM twitter_tweets')).n;
      const parseErrors = await csvParseErrors(engine);
      await engine.run(CLEANUP_SQL);
      return { mapping: { ...MAPPING }, parseErrors, problems, sourceRows: records + parseErrors.length };
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  },
};

async function twitterProblems(engine: Engine, file: string, carriageReturns: number): Promise<Problem[]> {
  const problems: Problem[] = [];
  const at = (row: number | null) => (row !== null ? { file, row } : { file });
  if (carriageReturns > 0) {
    problems.push(
      problem(
        'bare-carriage-return',
        'info',
        `${carriageReturns} carriage returns not followed by a line feed were read as spaces (in unquoted text they would split the tweet)`,
        { file },
      ),
    );
  }
  const missing = await engine.one<{ n: number; first_row: number | null }>(PARENT_MISSING_SQL);
  if (missing.n > 0) {
    problems.push(
      problem(
        'parent-not-in-file',
        'info',
        'tweets reply to a tweet that is not in the file; each starts its own thread',
        at(missing.first_row),
        missing.n,
      ),
    );
  }
  const loops = await engine.one<{ n: number; first_row: number | null }>(LOOPS_SQL);
  if (loops.n > 0) {
    problems.push(
      problem(
        'reply-loop',
        'warning',
        'tweets whose reply chain loops back on itself never reach a first tweet; each was read as its own thread',
        at(loops.first_row),
        loops.n,
      ),
    );
  }
  const dm = await engine.one<{ n: number; first_row: number | null }>(DM_SWITCHES_SQL);
  if (dm.n > 0) {
    problems.push(
      problem(
        'dm-switch',
        'info',
        'brand replies asking to continue in direct messages each added a textless dm-channel event (rows numbered after the last record), read = tweets + these',
        at(dm.first_row),
        dm.n,
      ),
    );
  }
  return problems;
}
