import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import { loadConfig } from '../server/config/config.ts';
import { startEmbeddedServer } from '../server/db/embedded/embedded-database.ts';
import { createProcessLogger, logFormatFrom } from '../server/logging/logger.ts';
import { ensureAppBuilt } from './build-app.command.ts';
import type { CommandIO } from './main.ts';

/** The server's modules: seconds of loading on a 2-core machine, so imported once the database is booting. */
const serverModules = () => Promise.all([import('../server/server.ts'), import('../server/demo/demo.loader.ts')]);

export default async function startCommand(_argv: string[], io: CommandIO): Promise<number> {
  const config = loadConfig();
  // Readable lines in a terminal by default; JSON for production (LOG_FORMAT=json, README).
  const logger = createProcessLogger(config.logLevel, logFormatFrom(process.env.LOG_FORMAT));
  // Signals are caught from the first moment: a SIGTERM that arrives while the server is still
  // starting must still close the database cleanly (and exit 0), not kill the process mid-write.
  let signalled: string | null = null;
  const stopRequested = new Promise<string>((resolve) => {
    const handler = (signal: string) => {
      signalled ??= signal;
      resolve(signal);
    };
    process.once('SIGTERM', () => handler('SIGTERM'));
    process.once('SIGINT', () => handler('SIGINT'));
  });

  // The embedded database boots in its own process (about two seconds) while this one loads the
  // server's modules; a failure to boot is reported by startServer, which awaits it.
  const embedded = config.databaseUrl === null ? startEmbeddedServer(config.dataDir) : undefined;
  embedded?.catch(() => {});
  const [{ startServer }, { usableDemoAccounts }] = await serverModules().catch(async (error: unknown) => {
    await (await embedded?.catch(() => null))?.stop();
    throw error;
  });
  const server = await startServer(config, logger, { prepare: config.serveWebApp ? () => ensureAppBuilt(io) : undefined, embedded });
  if (!signalled) {
    const accounts = await usableDemoAccounts(server.database.db);
    const width = Math.max(0, ...accounts.map((a) => a.username.length));
    io.stdout.write(
      [
        '',
        `Tiến Độ đang chạy tại ${server.url}`,
        ...(accounts.length
          ? [
              '',
              `Tài khoản dùng thử (mật khẩu chung: ${DEMO_PASSWORD}):`,
              ...accounts.map((a) => `  ${a.username.padEnd(width)}  ${a.describe}`),
            ]
          : []),
        `Cơ sở dữ liệu: ${server.database.kind === 'pglite' ? `nhúng (PGlite) tại ${config.dataDir}` : 'PostgreSQL'}`,
        'Nhấn Ctrl+C để dừng.',
        '',
      ].join('\n'),
    );
  }
  const signal = await stopRequested;
  logger.info({ signal }, 'shutting down');
  await server.stop().catch((error: unknown) => logger.error({ err: error }, 'shutdown failed'));
  return 0;
}
