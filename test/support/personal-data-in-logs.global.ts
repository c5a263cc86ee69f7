import fs from 'node:fs';
import path from 'node:path';
import { DEMO_ACCOUNTS } from '../../domain/demo/demo-accounts.ts';
import { TEST_LOG_DIR } from './log-capture.ts';
import { PERSONAL_DATA_SEEN_IN_TESTS } from './personal-data-fixtures.ts';

/**
 * Vitest global setup for the integration project. Before: an empty log folder. After the whole
 * suite: no log line may contain a phone number or CCCD that the tests put into the system, nor
 * anything shaped like a CCCD (12 digits standing alone).
 */
export function setup(): () => void {
  fs.rmSync(TEST_LOG_DIR, { recursive: true, force: true });
  fs.mkdirSync(TEST_LOG_DIR, { recursive: true });
  return () => {
    const known = [...DEMO_ACCOUNTS.map((a) => a.phone), ...PERSONAL_DATA_SEEN_IN_TESTS];
    const files = fs.readdirSync(TEST_LOG_DIR).filter((f) => f.endsWith('.log'));
    let lines = 0;
    const leaks: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(TEST_LOG_DIR, file), 'utf8');
      lines += text.split('\n').length - 1;
      // Whole numbers only: a timing such as "responseTime":0.280912000001 holds a phone's digits by chance.
      for (const value of known) if (new RegExp(`(?<![\\d.])${value}(?![\\d.])`).test(text)) leaks.push(`${file}: ${value.slice(0, 3)}…`);
      const cccdShaped = /(?<![\d.])\d{12}(?![\d.])/.exec(text);
      if (cccdShaped) leaks.push(`${file}: a 12-digit number ${cccdShaped[0].slice(0, 4)}…`);
    }
    // A run of only some test files (e.g. the CLI ones) may start no in-process server at all.
    if (files.length === 0) {
      console.log('personal data in logs: no server logs in this run to check');
      return;
    }
    if (lines === 0) throw new Error('Test servers ran but wrote no log lines: the personal-data log check would prove nothing.');
    if (leaks.length) throw new Error(`Personal data found in logs:\n${leaks.join('\n')}`);
    console.log(`personal data in logs: none in ${lines} lines of ${files.length} log files`);
  };
}
