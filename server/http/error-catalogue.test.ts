import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors/app-error.ts';
import { statusOf } from './error-handler.ts';

/**
 * The error catalogues: each module keeps its refusals in one `*.errors.ts` object (as
 * server/tabular/table-errors.ts did first), a factory per refusal with a stable English code and
 * the one Vietnamese sentence a user reads. This test finds every catalogue, builds every refusal
 * and checks what a user and a client rely on.
 */
const SERVER = fileURLToPath(new URL('..', import.meta.url));

function catalogueFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return catalogueFiles(full);
    return /(\.errors|-errors)\.ts$/.test(entry.name) ? [full] : [];
  });
}

/** A plausible argument for a factory parameter, by its name (dates, lists, counts, else text). */
function sample(name: string): unknown {
  if (/^(today|.*On|.*From|.*Date)$/.test(name)) return '2026-06-30';
  if (name === 'issues') return [{ path: 'targets.0.deadlineYear', message: 'Chỉ tiêu 1: cần năm hoàn thành.' }];
  if (/^(usedBy|problems|rows)$/.test(name)) return [];
  if (name === 'codes') return ['thu_ky', 'ke_toan'];
  if (name === 'code') return 'UNREADABLE'; // a code passed through (the document intake's own)
  if (/^(current|limit|rowNumber|index|count|max|n)$/.test(name)) return 3;
  if (name === 'names') return ['Xã An Tịnh', 'Xã Hòa Thành'];
  if (name === 'reason') return 'Kỳ báo cáo đã khóa.'; // a sentence the caller composed
  if (name === 'message') return 'Ngày ký: không được để trống.'; // a sentence the caller composed from the issues
  return 'mẫu';
}

function parameterNames(fn: (...args: unknown[]) => unknown): string[] {
  const head = /^[^(]*\(([^)]*)\)/.exec(fn.toString())?.[1] ?? '';
  return head
    .split(',')
    .map((p) => p.trim().split(/[\s=:]/)[0]!)
    .filter(Boolean);
}

const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

// The task feature keeps its catalogue in domain/ (the refusals are pure rules of a task).
const files = [...catalogueFiles(SERVER), fileURLToPath(new URL('../../domain/tasks/task-errors.ts', import.meta.url))];
const refusals: { where: string; error: AppError }[] = [];
for (const file of files) {
  const module = (await import(file)) as Record<string, unknown>;
  for (const [exportName, catalogue] of Object.entries(module)) {
    if (!catalogue || typeof catalogue !== 'object') continue;
    for (const [key, factory] of Object.entries(catalogue as Record<string, unknown>)) {
      if (typeof factory !== 'function') continue;
      const fn = factory as (...args: unknown[]) => unknown;
      const error = fn(...parameterNames(fn).map(sample));
      if (error instanceof AppError) refusals.push({ where: `${path.relative(SERVER, file)} ${exportName}.${key}`, error });
    }
  }
}

describe('error catalogues', () => {
  it('are found (one per module that has been moved to them)', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    expect(refusals.length).toBeGreaterThanOrEqual(50);
  });

  it.each(refusals.map((r) => [r.where, r.error] as const))('%s: a stable code, a Vietnamese sentence, an HTTP status', (_where, error) => {
    expect(error.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
    expect(error.message).toMatch(VIETNAMESE);
    expect(error.message.trim()).toMatch(/[.?!»)"]$/);
    const status = statusOf(error.kind);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(600);
  });

  it('give each code one kind of refusal wherever it is built', () => {
    const kinds = new Map<string, Set<string>>();
    for (const { error } of refusals) kinds.set(error.code, (kinds.get(error.code) ?? new Set()).add(error.kind));
    expect([...kinds].filter(([, k]) => k.size > 1).map(([code]) => code)).toEqual([]);
  });

  it('build UNIT_NOT_FOUND and INVALID_DATE only from the shared catalogue (one sentence each)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !full.endsWith('common.errors.ts')) {
          const text = fs.readFileSync(full, 'utf8');
          if (/['"](UNIT_NOT_FOUND|INVALID_DATE)['"]/.test(text)) offenders.push(path.relative(SERVER, full));
        }
      }
    };
    for (const module of ['org', 'agreements', 'employers', 'tokens', 'measures', 'targets']) walk(path.join(SERVER, module));
    expect(offenders).toEqual([]);
  });
});
