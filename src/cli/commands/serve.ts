// `baton serve`: the JSON API and the live dashboard over imported data, on a local HTTP port.
import { UsageError } from '../../model/errors.js';
import { isLoopback } from '../../server/auth.js';
import type { Command } from '../command.js';
import { str } from '../command.js';
import { DATA_OPTIONS, ENGINE_OPTIONS, openWithData } from '../shared-options.js';

export const DEFAULT_PORT = 8377;

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535))
    throw new UsageError(`--port '${text}' must be a number from 0 to 65535 (0 picks a free port).`);
  return port;
}

/** Resolves when the process is asked to stop (Ctrl-C or SIGTERM). */
function stopRequested(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export const serveCommand: Command = {
  name: 'serve',
  summary:
    'Serve a JSON API and a live dashboard (filters, heatmaps, drill-down to conversations) over HTTP.',
  usage:
    'baton serve (FILE... | --db FILE | --engine E --url URL) [--engine duckdb|clickhouse|postgres] [--port P] [--host H] [--token T]',
  options: {
    ...DATA_OPTIONS,
    ...ENGINE_OPTIONS,
    port: {
      type: 'string',
      value: 'P',
      description: `TCP port (default ${DEFAULT_PORT}; 0 picks a free one).`,
    },
    host: {
      type: 'string',
      value: 'H',
      description: 'Address to listen on (default 127.0.0.1). Any other address requires --token.',
    },
    token: {
      type: 'string',
      value: 'T',
      description:
        'Require this token on every API request (Authorization: Bearer T, or ?token=T). Env: BATON_TOKEN.',
    },
  },
  details: [
    'Examples:',
    '  baton serve --db support.duckdb                 # then open http://127.0.0.1:8377/',
    '  baton serve events.csv --port 0',
    '  baton serve --db support.duckdb --host 0.0.0.0 --token "$(openssl rand -hex 16)"',
    '  baton serve events.csv --engine clickhouse        # embedded ClickHouse',
    '  baton serve --engine postgres --url postgres://me@db/support --schema baton',
    'On a warehouse engine /api/ask answers 501 (plain-English questions run on DuckDB only).',
    'The API is read-only and described at /api/openapi.json. Each request gets 10 s of query time; a slower query',
    'is cancelled with 503. Stop the server with Ctrl-C.',
  ].join('\n'),
  async run(values, positionals, io) {
    const port = parsePort(str(values.port));
    const host = str(values.host) ?? '127.0.0.1';
    const token = str(values.token) ?? (process.env.BATON_TOKEN || undefined);
    if (!isLoopback(host) && !token) {
      throw new UsageError(
        `Listening on ${host} exposes the data to the network: give --token T (or BATON_TOKEN).`,
      );
    }
    if (token !== undefined && token.length < 8)
      throw new UsageError('--token must be at least 8 characters.');
    const { baton } = await openWithData(values, positionals, io);
    try {
      await baton.ensureDerived();
      // The server and dashboard load here, not with every other command.
      const { createApp } = await import('../../server/app.js');
      const { listen } = await import('../../server/listen.js');
      const { app } = createApp(baton, { ...(token ? { token } : {}), log: (t) => io.err(`baton: ${t}`) });
      const server = await listen(app, host, port);
      io.err(
        `baton: serving the dashboard at ${server.url}/ and the API at ${server.url}/api/ (Ctrl-C stops)`,
      );
      io.out(server.url);
      await stopRequested();
      await server.close();
      return 0;
    } finally {
      await baton.close();
    }
  },
};
