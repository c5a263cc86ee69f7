import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawnTestServer, type TestServer } from './test-server.ts';

/**
 * Each e2e file drives its own server on its own copy of the seeded demo province. Starting one —
 * copying the 227 MB folder, then `tiendo start` to /api/health — took ~6 s of the ~10 s between
 * two files (2026-12-07, AMD EPYC × 2), while the file before it left a core idle. The pool keeps
 * one server started ahead: a file takes it and the next one starts while that file's tests run.
 * It lives in the main vitest process (the e2e global set-up) and answers the files' workers on
 * loopback: POST /take (waits for the spare: the first one waits for the seeded template), POST
 * /stop/:id (stops a taken server and deletes its folder).
 */
export interface ServerPool {
  url: string;
  close(): Promise<void>;
}

export async function openServerPool(template: Promise<string>): Promise<ServerPool> {
  const lent = new Map<string, TestServer>();
  let spare: Promise<TestServer>;
  const startSpare = () => {
    spare = template.then((dir) => spawnTestServer({ copyOf: dir }));
    spare.catch(() => {}); // reported to the file that takes it
  };
  startSpare();

  const take = async (): Promise<{ id: string; url: string; dataDir: string }> => {
    const mine = spare;
    startSpare();
    const server = await mine;
    const id = randomBytes(6).toString('hex');
    lent.set(id, server);
    return { id, url: server.url, dataDir: server.dataDir };
  };
  const stop = async (id: string): Promise<void> => {
    const server = lent.get(id);
    lent.delete(id);
    await server?.stop();
  };

  const listener = http.createServer((request, response) => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const stopping = /^\/stop\/([0-9a-f]+)$/.exec(request.url ?? '');
    const work = request.method !== 'POST' ? null : request.url === '/take' ? take() : stopping ? stop(stopping[1]!) : null;
    if (!work) return answer(404, { message: `no ${request.method} ${request.url}` });
    work.then(
      (body) => answer(200, body ?? {}),
      (error: unknown) => answer(500, { message: error instanceof Error ? error.message : String(error) }),
    );
  });
  // A file may wait minutes for the first server: no request or header time limit.
  listener.requestTimeout = 0;
  listener.headersTimeout = 0;
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      listener.close();
      const servers = [...lent.values()];
      lent.clear();
      await Promise.allSettled([...servers.map((s) => s.stop()), spare.then((s) => s.stop())]);
    },
  };
}
