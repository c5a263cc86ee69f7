import { loadConfig } from '../server/config/config.ts';
import { createLogger } from '../server/logging/logger.ts';
import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import { usableDemoAccounts } from '../server/demo/demo.loader.ts';
import { startServer } from '../server/server.ts';
import type { CommandIO } from './main.ts';
import { ensureAppBuilt } from './build-app.command.ts';

export default async function startCommand(_argv: string[], io: CommandIO): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger, { prepare: config.serveWebApp ? () => ensureAppBuilt(io) : undefined });
  const accounts = await usableDemoAccounts(server.database.db);
  const width = Math.max(0, ...accounts.map((a) => a.username.length));
  io.stdout.write(
    [
      '',
      `Tiến Độ đang chạy tại ${server.url}`,
      ...(accounts.length
        ? ['', `Tài khoản dùng thử (mật khẩu chung: ${DEMO_PASSWORD}):`, ...accounts.map((a) => `  ${a.username.padEnd(width)}  ${a.describe}`)]
        : []),
      `Cơ sở dữ liệu: ${server.database.kind === 'pglite' ? `nhúng (PGlite) tại ${config.dataDir}` : 'PostgreSQL'}`,
      'Nhấn Ctrl+C để dừng.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      server.stop().then(resolve, (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        resolve();
      });
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
  return 0;
}
