// Test helper: starts the ClickHouse HTTP stand-in (clickhouse-http-server.ts) in a child process, once per process.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

let started: Promise<{ url: string; child: ChildProcess }> | undefined;

/** http://127.0.0.1:PORT of a ClickHouse HTTP interface over chdb, stopped when this process exits. */
export async function clickhouseHttpUrl(): Promise<string> {
  started ??= new Promise((resolve, reject) => {
    const script = fileURLToPath(new URL('./clickhouse-http-server.js', import.meta.url));
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.once('error', reject);
    child.stdout?.once('data', (chunk: Buffer) => {
      const port = Number(chunk.toString().trim());
      if (!port) reject(new Error(`the ClickHouse HTTP stand-in did not start: ${chunk}`));
      else resolve({ url: `http://127.0.0.1:${port}`, child });
    });
    process.once('exit', () => child.kill('SIGTERM'));
  });
  return (await started).url;
}

/** Stops the stand-in (tests end with it, so node's runner is not kept waiting). */
export async function stopClickhouseHttp(): Promise<void> {
  if (!started) return;
  const { child } = await started;
  started = undefined;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
