import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import type { Logger } from 'pino';
import { createLogger } from '../../server/logging/logger.ts';

/**
 * Integration tests run the server with real logging at debug level into files under
 * `.tiendo-test-logs/`; the global teardown (personal-data-in-logs.global.ts) reads every
 * file and fails the run if personal data reached a log.
 */
export const TEST_LOG_DIR = fileURLToPath(new URL('../../.tiendo-test-logs/', import.meta.url));

export function capturedLogger(name: string): Logger {
  fs.mkdirSync(TEST_LOG_DIR, { recursive: true });
  const file = path.join(TEST_LOG_DIR, `${name}-${process.pid}-${Date.now()}.log`);
  return createLogger('debug', pino.destination({ dest: file, sync: true }));
}
