// Test helper: a private PostgreSQL server for this test process (or BATON_PG_URL), and engines in throwaway schemas.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEngine } from '../../src/engine/postgres-engine.js';

let started: Promise<string> | undefined;

/** The server tests use: BATON_PG_URL when set, otherwise one private server per process, started on first use. */
export function postgresUrl(): Promise<string> {
  const given = process.env.BATON_PG_URL;
  if (given) return Promise.resolve(given);
  started ??= startServer();
  return started;
}

/** Runs `work` on an engine in a fresh random schema, dropped afterwards, so tests never see each other's tables. */
export async function withPostgres<T>(work: (engine: PostgresEngine) => Promise<T>): Promise<T> {
  const url = await postgresUrl();
  const schema = `baton_test_${randomBytes(6).toString('hex')}`;
  const engine = await PostgresEngine.open({ url, schema });
  try {
    return await work(engine);
  } finally {
    try {
      await engine.run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await engine.close();
    }
  }
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest !== undefined) return join(root, newest, 'bin');
  const configured = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = configured.status === 0 ? configured.stdout.trim() : '';
  if (dir && existsSync(join(dir, 'initdb'))) return dir;
  throw new Error(
    'PostgreSQL server binaries (initdb, pg_ctl) not found: install the Debian package `postgresql` ' +
      '(apt-get install postgresql), or set BATON_PG_URL to a server the tests may create schemas on.',
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// The server refuses to run as root, so as root every server command runs as the `postgres` system user.
function asServerUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'Running as root needs the `postgres` system user (Debian package `postgresql` creates it).',
    );
  }
}

async function startServer(): Promise<string> {
  const bin = binDir();
  const user = asServerUser();
  const dir = mkdtempSync(join(tmpdir(), 'baton-pg-'));
  const data = join(dir, 'data');
  if (user) chownSync(dir, user.uid, user.gid);
  const run = (tool: string, args: string[]) =>
    execFileSync(join(bin, tool), args, {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
  const stop = () => {
    try {
      run('pg_ctl', ['stop', '-m', 'immediate', '-D', data]);
    } catch {
      // Not running (or never started): the directory still goes.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  // A signal skips 'exit'; without these an interrupted run would leave a server behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      stop();
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // Another process may take the free port before the server binds it: then another port.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      run('pg_ctl', [
        'start',
        '-w',
        '-t',
        '60',
        '-D',
        data,
        '-l',
        join(dir, 'server.log'),
        '-o',
        serverOptions(port, dir),
      ]);
      return `postgresql://postgres@127.0.0.1:${port}/postgres`;
    } catch (error) {
      if (attempt === 3) {
        const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
        throw new Error(`PostgreSQL did not start: ${String(error)}\n${log.slice(-2000)}`);
      }
    }
  }
}

// Durability is pointless for a throwaway server; the C locale compares text byte by byte like DuckDB.
function serverOptions(port: number, dir: string): string {
  return [
    `-p ${port}`,
    "-h '127.0.0.1'",
    `-k '${dir}'`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    // No WAL for tables created and filled in one statement (CREATE TABLE AS, the whole derivation).
    '-c wal_level=minimal',
    '-c max_wal_senders=0',
    '-c max_wal_size=4GB',
    // Sorts and hashes of a few million events stay in memory, as they would on a tuned warehouse.
    '-c shared_buffers=512MB',
    '-c work_mem=256MB',
    '-c maintenance_work_mem=512MB',
  ].join(' ');
}
