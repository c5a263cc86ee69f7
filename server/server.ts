import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { AppError } from '../domain/errors/app-error.ts';
import { buildApp } from './app.ts';
import type { AppConfig } from './config/config.ts';
import { openDatabase, type Database, type DatabaseOptions } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';
import { loadDemo } from './demo/demo.loader.ts';
import { startNotificationWork } from './notifications/notification-worker.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

/**
 * Opens the database (locking the embedded data folder), migrates, seeds the demo province on
 * an empty database when asked, and listens. `stop` closes HTTP first, then the database.
 */
export interface StartOptions {
  /** Work to do once the database is open and locked, before serving (the CLI builds the web app here). */
  prepare?: () => Promise<void>;
  /** The embedded database, already starting (see DatabaseOptions.embedded). */
  embedded?: DatabaseOptions['embedded'];
}

export async function startServer(config: AppConfig, logger: Logger, options: StartOptions = {}): Promise<RunningServer> {
  // The database is opened first: a locked data folder or an unreachable server is reported in
  // a second, before any slow work.
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embedded: options.embedded,
    readUrl: config.databaseReadUrl,
    warn: (message, error) => logger.warn({ err: error }, message),
  });
  let app: FastifyInstance | undefined;
  try {
    await options.prepare?.();
    const migration = await migrateToLatest(database.db);
    logger.info({ database: database.kind, applied: migration.applied, version: migration.version }, 'database ready');
    if (config.demoOnEmpty) {
      const demo = await loadDemo(database.db, config.demoSeed, { registries: config.demoRegistries });
      if (demo.created)
        logger.info(
          { units: demo.units, members: demo.members, employers: demo.employers, agreements: demo.agreements, seconds: demo.seconds },
          'demo province created',
        );
    }
    app = await buildApp({ database, config, logger, serveWebApp: config.serveWebApp });
    await app.listen({ port: config.port, host: config.host }).catch((error: NodeJS.ErrnoException) => {
      throw listenError(config, error);
    });
  } catch (error) {
    await app?.close().catch(() => {});
    await database.close();
    throw error;
  }
  // Notifications: the e-mail outbox and the hourly reminders and digests (server/notifications/).
  const notifications = await startNotificationWork(database, config, logger);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const started = app;
  let stopping: Promise<void> | null = null;
  return {
    app: started,
    database,
    url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
    stop() {
      stopping ??= (async () => {
        await notifications.stop();
        await started.close();
        await database.close();
      })();
      return stopping;
    },
  };
}

function listenError(config: AppConfig, error: NodeJS.ErrnoException): Error {
  if (error.code === 'EADDRINUSE') {
    return new AppError(
      'PORT_IN_USE',
      'conflict',
      `Cổng ${config.port} đang được chương trình khác sử dụng. Hãy dừng chương trình đó hoặc đặt PORT khác.`,
    );
  }
  if (error.code === 'EACCES') {
    return new AppError('PORT_FORBIDDEN', 'forbidden', `Không có quyền mở cổng ${config.port}. Hãy dùng cổng từ 1024 trở lên.`);
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new AppError('HOST_INVALID', 'bad_request', `Không lắng nghe được trên địa chỉ HOST="${config.host}".`);
  }
  return error;
}
