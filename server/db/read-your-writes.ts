import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readRouting } from './read-routing.ts';

/**
 * How long a caller's reads stay on the primary after their own write. Streaming replication on
 * one network lags by milliseconds (docs/replica-and-metrics.md measures it); ten seconds also
 * covers a replica catching up after a bulk import, so "I saved it and the list does not show
 * it" does not happen to the person who saved.
 */
export const READ_YOUR_WRITES_MS = 10_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function callerOf(request: FastifyRequest): string | null {
  const p = request.principal;
  if (!p) return null;
  return p.tokenId ? `t${p.tokenId}` : `u${p.userId}`;
}

/**
 * Keeps, in this process, when each caller last wrote; their requests in the next
 * READ_YOUR_WRITES_MS read from the primary. Registered after the access guard (which finds the
 * caller in its onRequest hook); only with a replica configured.
 * With several server processes behind a balancer the memory is per process: a caller whose next
 * request lands on another process may read the replica — the balancer should keep sessions sticky.
 */
export function registerReadYourWrites(app: FastifyInstance, now: () => number = Date.now): void {
  const lastWrite = new Map<string, number>();
  app.addHook('onRequest', (request, _reply, done) => {
    const caller = callerOf(request);
    const at = caller ? lastWrite.get(caller) : undefined;
    if (at !== undefined && now() - at < READ_YOUR_WRITES_MS) {
      // The rest of the request (validation, handler, serialisation) runs inside this context.
      readRouting.run({ primary: true }, done);
      return;
    }
    done();
  });
  app.addHook('onResponse', async (request, reply) => {
    if (SAFE_METHODS.has(request.method) || reply.statusCode >= 400) return;
    const caller = callerOf(request);
    if (!caller) return;
    const t = now();
    lastWrite.set(caller, t);
    // Forget callers whose window has passed, so the map stays the size of the recent writers.
    if (lastWrite.size > 1000) for (const [key, at] of lastWrite) if (t - at >= READ_YOUR_WRITES_MS) lastWrite.delete(key);
  });
}
