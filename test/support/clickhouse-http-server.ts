// Test helper, run as its own process: ClickHouse's HTTP interface, as far as @clickhouse/client uses it, answered
// by an embedded chdb session. No ClickHouse server package exists for this machine; this lets the client path
// (sessions, settings, {name:Type} values, JSON results, Parquet inserts, errors) run end to end.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';

// Parameters of the HTTP interface that are not settings of a query.
const NOT_SETTINGS = new Set([
  'query',
  'database',
  'session_id',
  'session_timeout',
  'session_check',
  'query_id',
  'default_format',
  'enable_http_compression',
  'wait_end_of_query',
  'user',
  'password',
]);

const session = new Session();
const scratch = await mkdtemp(join(tmpdir(), 'baton-ch-http-'));

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// Query parameter values travel escaped as in TabSeparated (the client writes it's as it\'s); the server unescapes.
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', r: '\r', n: '\n', t: '\t', '0': '\0' };
const unescapeParam = (value: string) => value.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);

const literal = (value: string) =>
  /^-?\d+(\.\d+)?$/.test(value) ? value : `'${value.replaceAll("'", "\\'")}'`;

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/ping') {
    res.end('Ok.\n');
    return;
  }
  const data = await body(req);
  const params: Record<string, string> = {};
  const settings: string[] = [];
  for (const [key, value] of url.searchParams) {
    if (key.startsWith('param_')) params[key.slice(6)] = unescapeParam(value);
    else if (!NOT_SETTINGS.has(key)) settings.push(`SET ${key} = ${literal(value)}`);
  }
  for (const statement of settings) session.query(statement, 'Null');
  const database = url.searchParams.get('database');
  if (database) session.query(`USE ${database}`, 'Null');
  let query = url.searchParams.get('query') ?? data.toString('utf8');
  const insert = /^INSERT INTO (.+?) FORMAT Parquet\s*$/is.exec(query);
  let file: string | undefined;
  if (insert && url.searchParams.has('query')) {
    // The rows came as the request body: hand them to chdb as a file.
    file = join(scratch, `${randomUUID()}.parquet`);
    writeFileSync(file, data);
    query = `INSERT INTO ${insert[1]} SELECT * FROM file('${file}', Parquet)`;
  }
  const format = /\bFORMAT\s+(\w+)\s*;?\s*$/i.exec(query)?.[1];
  const text = format ? query.replace(/\bFORMAT\s+\w+\s*;?\s*$/i, '') : query;
  const out = Object.keys(params).length
    ? session.queryBind(text, params, format ?? 'Null')
    : session.query(text, format ?? 'Null');
  if (file) await rm(file, { force: true });
  res.setHeader('Content-Type', 'application/json; charset=UTF-8');
  res.setHeader('X-ClickHouse-Format', format ?? 'TabSeparated');
  res.end(out);
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const code = /Code: (\d+)/.exec(message)?.[1] ?? '1';
    res.statusCode = 500;
    res.setHeader('X-ClickHouse-Exception-Code', code);
    res.end(message);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
const stop = () => {
  server.close();
  session.cleanup();
  void rm(scratch, { recursive: true, force: true }).then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
