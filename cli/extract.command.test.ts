// The JSON contract of `tiendo extract FILE --json`, validated against a schema written by hand.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import extractCommand from './extract.command.ts';

const DOCS = fileURLToPath(new URL('../../shared/documents/', import.meta.url));
const FILES = ['000_695bf227987f6204.txt', '001_344d28c7e5d382e6.txt', '003_4e25b5efc129902e.txt'];

type Schema =
  | { type: 'object'; required?: string[]; properties?: Record<string, Schema>; additionalProperties?: boolean }
  | { type: 'array'; items?: Schema }
  | { type: 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'any' }
  | { enum: readonly unknown[] }
  | { anyOf: Schema[] };

const nullable = (s: Schema): Schema => ({ anyOf: [s, { type: 'null' }] });
const span = { start: { type: 'integer' }, end: { type: 'integer' } } as const;

// Top level: exactly these keys. Targets: these keys exactly typed, extra keys allowed.
const TARGET: Schema = {
  type: 'object',
  required: ['value', 'unit', 'comparator', 'deadlineYear', 'recurrence', 'subject', 'quote', 'start', 'end'],
  properties: {
    value: { type: 'number' },
    unit: { enum: ['count', 'percent'] },
    comparator: { enum: ['>', '>=', '=', '<=', '<'] },
    deadlineYear: nullable({ type: 'integer' }),
    recurrence: nullable({ enum: ['annual'] }),
    subject: { type: 'string' },
    quote: { type: 'string' },
    ...span,
  },
  additionalProperties: true,
};
const CONTRACT: Schema = {
  type: 'object',
  required: ['document', 'references', 'targets', 'baselines', 'qualitativeTargets', 'tasks'],
  additionalProperties: false,
  properties: {
    document: { type: 'object' },
    references: {
      type: 'array',
      items: { type: 'object', required: ['symbol', 'start', 'end'], properties: { symbol: { type: 'string' }, ...span } },
    },
    targets: { type: 'array', items: TARGET },
    baselines: {
      type: 'array',
      items: {
        type: 'object',
        required: ['value', 'unit', 'start', 'end'],
        properties: { value: { type: 'number' }, unit: { enum: ['count', 'percent'] }, ...span },
      },
    },
    qualitativeTargets: {
      type: 'array',
      items: { type: 'object', required: ['text', 'start', 'end'], properties: { text: { type: 'string' }, ...span } },
    },
    tasks: {
      type: 'array',
      items: { type: 'object', required: ['text', 'start', 'end'], properties: { text: { type: 'string' }, ...span } },
    },
  },
};

/** Returns the list of violations ("$.targets[3].unit: …"); empty when valid. */
function validate(value: unknown, schema: Schema, path = '$'): string[] {
  if ('anyOf' in schema) {
    return schema.anyOf.some((s) => validate(value, s, path).length === 0)
      ? []
      : [`${path}: matches no alternative (${JSON.stringify(value)})`];
  }
  if ('enum' in schema)
    return schema.enum.includes(value) ? [] : [`${path}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`];
  switch (schema.type) {
    case 'any':
      return [];
    case 'null':
      return value === null ? [] : [`${path}: expected null`];
    case 'string':
      return typeof value === 'string' ? [] : [`${path}: expected string`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: expected boolean`];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [`${path}: expected finite number`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${path}: expected integer`];
    case 'array':
      if (!Array.isArray(value)) return [`${path}: expected array`];
      return schema.items ? value.flatMap((v, i) => validate(v, schema.items as Schema, `${path}[${i}]`)) : [];
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected object`];
      const obj = value as Record<string, unknown>;
      const errors = (schema.required ?? []).filter((k) => !(k in obj)).map((k) => `${path}.${k}: missing`);
      for (const [k, v] of Object.entries(obj)) {
        const sub = schema.properties?.[k];
        if (sub) errors.push(...validate(v, sub, `${path}.${k}`));
        else if (schema.additionalProperties === false) errors.push(`${path}.${k}: not allowed`);
      }
      return errors;
    }
  }
}

class Capture extends Writable {
  data = '';
  override _write(chunk: Buffer, _enc: string, cb: () => void) {
    this.data += chunk.toString();
    cb();
  }
}

async function run(argv: string[]) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await extractCommand(argv, { stdout, stderr });
  return { code, stdout: stdout.data, stderr: stderr.data };
}

describe('tiendo extract --json', () => {
  it('rejects a wrong output with the schema (the validator is not a rubber stamp)', () => {
    const bad = {
      document: {},
      references: [],
      baselines: [],
      qualitativeTargets: [],
      tasks: [],
      extra: 1,
      targets: [
        { value: '85', unit: 'percent', comparator: '≥', deadlineYear: 2028.5, recurrence: 'yearly', subject: 's', quote: 'q', start: 0 },
      ],
    };
    const errors = validate(bad, CONTRACT);
    expect(errors).toEqual(
      expect.arrayContaining(['$.extra: not allowed', '$.targets[0].end: missing', '$.targets[0].value: expected finite number']),
    );
    expect(errors.some((e) => e.startsWith('$.targets[0].comparator'))).toBe(true);
    expect(errors.some((e) => e.startsWith('$.targets[0].deadlineYear'))).toBe(true);
    expect(errors.some((e) => e.startsWith('$.targets[0].recurrence'))).toBe(true);
  });

  for (const file of FILES) {
    it(`prints one JSON object that follows the contract for ${file}`, async () => {
      const { code, stdout, stderr } = await run([join(DOCS, file), '--json']);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout.trim().split('\n')).toHaveLength(1);
      const out = JSON.parse(stdout) as { targets: { value: number; unit: string; start: number; end: number; quote: string }[] };
      expect(validate(out, CONTRACT)).toEqual([]);
      for (const t of out.targets) {
        expect(t.end).toBeGreaterThan(t.start);
        if (t.unit === 'percent') expect(t.value).toBeLessThanOrEqual(100); // percent as a number of percent
      }
    });
  }

  it('reports percent values as numbers of percent (85 for 85%)', async () => {
    const out = JSON.parse((await run([join(DOCS, FILES[0] as string), '--json'])).stdout) as {
      targets: { value: number; unit: string; quote: string }[];
    };
    const t = out.targets.find((x) => x.quote.includes('ít nhất 85%'));
    expect(t).toMatchObject({ value: 85, unit: 'percent' });
  });

  it('fails with exit code ≠ 0 and one Vietnamese line on stderr for unreadable files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-cli-'));
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'garbage.pdf'), Buffer.from([0x13, 0x37, 0x00, 0xff, 0x42]));
    writeFileSync(join(dir, 'table.xlsx'), 'x');
    const cases = [join(dir, 'missing.docx'), join(dir, 'empty.txt'), join(dir, 'garbage.pdf'), join(dir, 'table.xlsx')];
    for (const file of cases) {
      const { code, stdout, stderr } = await run([file, '--json']);
      expect(code, file).not.toBe(0);
      expect(stdout).toBe('');
      expect(stderr.endsWith('\n')).toBe(true);
      expect(stderr.trim().split('\n'), file).toHaveLength(1);
      expect(stderr).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/u);
    }
  });

  it('prints a readable Vietnamese summary without --json', async () => {
    const { code, stdout } = await run([join(DOCS, FILES[1] as string)]);
    expect(code).toBe(0);
    expect(stdout).toContain('Kế hoạch số 61-KH/TU');
    expect(stdout).toContain('Chỉ tiêu (7)');
  });

  it('writes only the JSON object to the real stdout of a process', async () => {
    const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
    const script =
      `import c from ${JSON.stringify(fileURLToPath(new URL('./extract.command.ts', import.meta.url)))};` +
      'process.exitCode = await c(process.argv.slice(1), { stdout: process.stdout, stderr: process.stderr });';
    const { stdout } = await promisify(execFile)(tsx, ['--input-type=module', '-e', script, join(DOCS, FILES[2] as string), '--json'], {
      timeout: 20_000,
    });
    expect(validate(JSON.parse(stdout), CONTRACT)).toEqual([]);
  }, 20_000);
});
