import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * Fastify's request lines, made quiet: at the default level `info` a request prints nothing
 * (`npm start` printed two JSON lines per request, 20,050 lines in half an hour, and buried the
 * start banner); at `debug` it prints one line when it ends, with its status and time. Failed
 * requests are still errors: the error handler logs the unexpected ones with their stack.
 */
export class QuietRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.debug({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }

  /** Fastify's own line would carry the raw URL, query string (perhaps a CCCD searched for) included. */
  override routeNotFound(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'route not found');
  }
}
