import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { auditRoutes } from './audit/audit.routes.ts';
import { registerAccessGuard } from './auth/access-guard.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { AuthService } from './auth/auth.service.ts';
import type { AppConfig } from './config/config.ts';
import type { Database } from './db/database.ts';
import { healthRoutes } from './health/health.routes.ts';
import { registerMetrics } from './metrics/metrics.ts';
import { metricsRoutes } from './metrics/metrics.routes.ts';
import { registerReadYourWrites } from './db/read-your-writes.ts';
import { notFoundBody, registerErrorHandling } from './http/error-handler.ts';
import { registerInputGuard } from './http/input-guard.ts';
import { requireAccessDeclarations, type RouteRecord } from './http/route-access.ts';
import { agreementsRoutes } from './agreements/agreements.routes.ts';
import { allocationRoutes } from './allocation/allocation.routes.ts';
import { AllocationService } from './allocation/allocation.service.ts';
import { AgreementsService } from './agreements/agreements.service.ts';
import { documentsRoutes } from './documents/documents.routes.ts';
import { planDocumentsRoutes } from './documents/plan-documents.routes.ts';
import { DocumentsService } from './documents/documents.service.ts';
import { employersRoutes } from './employers/employers.routes.ts';
import { EmployersService } from './employers/employers.service.ts';
import { grassrootsRoutes } from './grassroots/grassroots.routes.ts';
import { IMPORT_MAX_BYTES, importsRoutes } from './imports/imports.routes.ts';
import { ImportsService } from './imports/imports.service.ts';
import { QuietRequestLog } from './logging/request-log.ts';
import { membersRoutes } from './members/members.routes.ts';
import { MembersService } from './members/members.service.ts';
import { orgRoutes } from './org/org.routes.ts';
import { orgOperationsRoutes } from './org/org-operations.routes.ts';
import { OrgOperationsService } from './org/org-operations.service.ts';
import { measuresRoutes } from './measures/measures.routes.ts';
import { notificationsRoutes } from './notifications/notifications.routes.ts';
import { formVersionsRoutes } from './reporting/form-versions.routes.ts';
import { FormVersionsService } from './reporting/form-versions.service.ts';
import { MeasuresService } from './measures/measures.service.ts';
import { progressRoutes } from './progress/progress.routes.ts';
import { ProgressService } from './progress/progress.service.ts';
import { OrgService } from './org/org.service.ts';
import { ReportFilesService } from './reporting/report-files.service.ts';
import { reportingRoutes } from './reporting/reporting.routes.ts';
import { ReportingService } from './reporting/reporting.service.ts';
import { reportDocumentsRoutes } from './report-documents/report-documents.routes.ts';
import { targetVersionsRoutes } from './targets/target-versions.routes.ts';
import { reviseTarget, TargetVersionsService } from './targets/target-versions.service.ts';
import { ReportDocumentsService } from './report-documents/report-documents.service.ts';
import { TaskReviewService } from './tasks/task-review.service.ts';
import { TaskStatusService } from './tasks/task-status.service.ts';
import { tasksRoutes } from './tasks/tasks.routes.ts';
import { TasksService } from './tasks/tasks.service.ts';
import { tokensRoutes } from './tokens/tokens.routes.ts';
import { TokensService } from './tokens/tokens.service.ts';
import { usersRoutes } from './users/users.routes.ts';
import { UsersService } from './users/users.service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access declaration, as registered (walked by the security test). */
    routeTable: RouteRecord[];
    imports: ImportsService;
  }
}

export const APP_VERSION = '0.1.0';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const APP_DIST = path.join(ROOT, 'dist', 'app');

export interface BuildAppOptions {
  database: Database;
  config: Pick<AppConfig, 'secureCookies'> & Partial<Pick<AppConfig, 'smtpUrl' | 'metricsToken' | 'trustProxy'>>;
  logger: Logger | false;
  /** Serve the built web app from dist/app (off in API-only tests). */
  serveWebApp?: boolean;
  /** Failed login attempts per IP per 15 minutes (on top of the per-account lockout). */
  loginRateLimitPerIp?: number;
}

/**
 * Assembles the HTTP server: plugins, the one error handler, the access rule for routes, and
 * each resource's routes with its service. Nothing listens here; `startServer` does that.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger ? (options.logger as FastifyBaseLogger) : undefined,
    logger: options.logger ? undefined : false,
    // No line per request at the default level (server/logging/request-log.ts).
    logController: new QuietRequestLog(),
    bodyLimit: 1024 * 1024,
    // X-Forwarded-For only from the proxies the operator named (docs/operations.md): trusting it
    // from anyone would let a guesser pick a new address per attempt and dodge the login limit.
    trustProxy: options.config.trustProxy ?? false,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('routeTable', requireAccessDeclarations(app));
  registerErrorHandling(app);
  const db = options.database.db;
  const auth = new AuthService(db);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Swagger UI and antd inject inline styles; scripts stay same-origin only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
      },
    },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Tiến Độ API', description: 'API của hệ thống theo dõi thực hiện chỉ tiêu Công đoàn Việt Nam', version: APP_VERSION },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(cookie);
  // Uploads are bounded per route (files) and here (everything else in a multipart request).
  await app.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 20, fieldSize: 64 * 1024 } });
  registerAccessGuard(app, db, auth);
  registerInputGuard(app);
  // After the guard: both need to know who is calling (docs/replica-and-metrics.md).
  if (options.database.replica) registerReadYourWrites(app);
  const metrics = registerMetrics(app, options.database);

  await app.register(healthRoutes, { database: options.database, version: APP_VERSION, emailQueue: Boolean(options.config.smtpUrl) });
  await app.register(metricsRoutes, { metrics, token: options.config.metricsToken ?? null });
  await app.register(authRoutes, { auth, db, config: options.config, loginRateLimitPerIp: options.loginRateLimitPerIp ?? 30 });
  await app.register(orgRoutes, { service: new OrgService(db) });
  await app.register(orgOperationsRoutes, { service: new OrgOperationsService(db), db });
  await app.register(usersRoutes, { users: new UsersService(db), db });
  await app.register(tokensRoutes, { tokens: new TokensService(db) });
  await app.register(auditRoutes, { db });
  await app.register(membersRoutes, { members: new MembersService(db, options.database.read), db, read: options.database.read });
  await app.register(employersRoutes, { employers: new EmployersService(db), db });
  await app.register(agreementsRoutes, { agreements: new AgreementsService(db), db });
  await app.register(grassrootsRoutes, { db });
  // One engine per app: the measures service tells it when the catalogue changed.
  const progress = new ProgressService(db);
  await app.register(progressRoutes, { progress, dashboards: progress.reading(options.database.read), db });
  await app.register(measuresRoutes, { measures: new MeasuresService(db, progress) });
  await app.register(formVersionsRoutes, { forms: new FormVersionsService(db) });
  await app.register(notificationsRoutes, { db });
  await app.register(targetVersionsRoutes, { targetVersions: new TargetVersionsService(db), db });
  await app.register(allocationRoutes, { allocation: new AllocationService(db, progress, reviseTarget), db });
  // E-mail copies of notifications are queued only when an SMTP server is configured.
  const reports = new ReportingService(db, { email: Boolean(options.config.smtpUrl) });
  await app.register(reportingRoutes, { reports, files: new ReportFilesService(db, reports), db });
  await app.register(documentsRoutes, { documents: new DocumentsService(db), db });
  await app.register(planDocumentsRoutes, { db });
  const tasks = new TasksService(db);
  await app.register(tasksRoutes, { tasks, statuses: new TaskStatusService(db, tasks), review: new TaskReviewService(db, tasks), db });
  await app.register(reportDocumentsRoutes, { reportDocuments: new ReportDocumentsService(db, progress, reports) });
  const imports = new ImportsService(db, options.logger || null);
  await imports.markInterrupted();
  app.decorate('imports', imports);
  app.addHook('onClose', () => imports.waitForAll());
  await app.register(importsRoutes, { imports });

  if (options.serveWebApp !== false && fs.existsSync(path.join(APP_DIST, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: APP_DIST,
      wildcard: false,
      index: ['index.html'],
      // The build writes .br and .gz beside each file (app/first-load.config.ts): a phone on a
      // slow network downloads the app shell as ~280 kB instead of ~1 MB, at no CPU cost here.
      preCompressed: true,
    });
    // Files under /assets/ carry their content hash in their name: a browser may keep them for good
    // (a hook: the plugin's own cache-control would overwrite one set in its setHeaders).
    app.addHook('onSend', async (request, reply, payload) => {
      // Not the app shell the not-found handler sends for a missing file (an old chunk after a deploy).
      if (
        reply.statusCode === 200 &&
        request.url.startsWith('/assets/') &&
        !String(reply.getHeader('content-type')).startsWith('text/html')
      )
        reply.header('cache-control', 'public, max-age=31536000, immutable');
      return payload;
    });
    // The service worker decides which app version a device runs (docs/offline.md): never kept by
    // a cache on the way, so a new build reaches every phone at its next visit.
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.url.split('?')[0] === '/sw.js') reply.header('cache-control', 'no-cache, no-store, must-revalidate');
      return payload;
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api') && fs.existsSync(path.join(APP_DIST, 'index.html'));
    // The web app routes on the client: any non-API GET gets the app shell.
    if (wantsPage && options.serveWebApp !== false) return reply.type('text/html').sendFile('index.html', APP_DIST);
    return reply.status(404).send(notFoundBody());
  });
  return app;
}
