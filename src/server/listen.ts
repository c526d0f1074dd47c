// Puts the app on a socket with @hono/node-server and hands back its address and a way to stop it.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface Listening {
  url: string;
  close: () => Promise<void>;
}

/** Listens on host:port (port 0 = any free port) and resolves once the socket is bound. */
export function listen(app: Hono, host: string, port: number): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // A browser keeps idle connections open; close() alone would wait for them.
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once('error', reject);
  });
}
