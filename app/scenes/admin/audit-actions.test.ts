import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS } from './audit-actions.ts';

const SERVER = fileURLToPath(new URL('../../../server/', import.meta.url));

/** Every `action: 'x.y'` the server writes to the audit, read from its source. */
function writtenActions(dir: string): Set<string> {
  const found = new Set<string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) writtenActions(full).forEach((a) => found.add(a));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      for (const m of fs.readFileSync(full, 'utf8').matchAll(/\baction: '([a-z_]+\.[a-z_]+)'/g)) found.add(m[1]!);
    }
  }
  return found;
}

describe('Nhật ký labels', () => {
  it('name in Vietnamese every action the server writes (a new one must be named here)', () => {
    const actions = writtenActions(SERVER);
    expect(actions.size).toBeGreaterThan(30);
    expect([...actions].filter((a) => !(a in AUDIT_ACTION_LABELS)).sort()).toEqual([]);
  });
});
