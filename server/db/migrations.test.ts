import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrations } from './migrations/index.ts';

const DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Migration names in the order Kysely applies them (by name, without the .ts ending). */
const names = fs
  .readdirSync(DIR)
  .filter((f) => /^\d{4}-.*\.ts$/.test(f))
  .map((f) => f.slice(0, -3))
  .sort();

/**
 * Migrations are frozen: each holds the SQL it ran and imports nothing but Kysely, so editing
 * today's code (a role list, the progress SQL) never changes what an old migration does on a
 * fresh database. docs/architecture.md § Migrations says how to write one.
 */
describe('migrations', () => {
  it.each(names)('%s imports nothing but kysely', (name) => {
    const source = fs.readFileSync(path.join(DIR, `${name}.ts`), 'utf8');
    const imports = [...source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    const dynamic = [...source.matchAll(/\bimport\s*\(|\brequire\s*\(/g)];
    expect(imports.filter((from) => from !== 'kysely')).toEqual([]);
    expect(dynamic).toEqual([]);
  });

  it('lists every migration file in index.ts, in name order (the order Kysely applies them)', () => {
    expect(Object.keys(migrations)).toEqual(names);
  });

  it('numbers every migration after 0020 once, one after the other', () => {
    // 0001–0020 keep the names databases already recorded (0004 is missing, three share 0009):
    // renaming them would make Kysely run them again. From 0021 on, no gaps and no twins.
    const numbers = names.map((n) => Number(n.slice(0, 4))).filter((n) => n > 20);
    expect(numbers).toEqual(numbers.map((_, i) => 21 + i));
  });
});
