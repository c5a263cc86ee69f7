import { expect } from 'vitest';
import type { Session } from './test-app.ts';

/** A target the reading of an uploaded document proposes, as the upload and review answers list it. */
export interface ProposedTarget {
  key: string;
  value: number;
  comparator: string;
  annual: boolean;
  deadlineYear: number | null;
  sectors: string[] | null;
  minWorkers: number | null;
  subject: string;
  suggestions: { code: string }[];
}

/** The reviewer's decision on a proposed target: confirmed as read, with its first suggested indicator. */
export function confirmDecision(p: ProposedTarget, extra: Record<string, unknown> = {}) {
  return {
    key: p.key,
    decision: 'confirm',
    indicatorCode: p.suggestions[0]?.code ?? null,
    comparator: p.comparator,
    value: p.value,
    annual: p.annual,
    deadlineYear: p.deadlineYear,
    sectors: p.sectors,
    minWorkers: p.minWorkers,
    subject: p.subject,
    ...extra,
  };
}

/**
 * Confirms an uploaded document as read, with every proposed target that has an indicator and a
 * timing (the others are left out), as a province officer does on a programme it trusts.
 */
export async function confirmTimedTargets(
  session: Session,
  uploaded: { document: Record<string, unknown> & { id: number }; proposals: ProposedTarget[] },
) {
  const m = uploaded.document;
  const confirmed = await session.send('PUT', `/api/documents/${m.id}/review`, {
    metadata: {
      kind: m.kind,
      symbol: m.symbol,
      title: m.title,
      issuedOn: m.issuedOn,
      termFrom: m.termFrom,
      termTo: m.termTo,
      signerName: m.signerName,
    },
    targets: uploaded.proposals.filter((p) => p.suggestions.length && (p.annual || p.deadlineYear)).map((p) => confirmDecision(p)),
    confirm: true,
  });
  expect(confirmed.status, JSON.stringify(confirmed.body).slice(0, 300)).toBe(200);
  return confirmed.body;
}

/** The metadata of the province's programme 05/CTr-LĐLĐ (seed document 000) as a reviewer confirms it. */
export const programme05Metadata = {
  kind: 'program',
  symbol: '05/CTr-LĐLĐ',
  title: 'Chương trình hành động thực hiện Nghị quyết Đại hội XI Công đoàn tỉnh',
  issuedOn: '2024-01-18',
  termFrom: 2023,
  termTo: 2028,
  signerName: 'Nguyễn Thị Hương Giang',
};

/** The province's action programme 05/CTr-LĐLĐ as an officer types it in by hand (no file). */
export function typedProgramme05(
  issuerUnitId: number,
  title = 'Chương trình hành động thực hiện Nghị quyết Đại hội XI Công đoàn Việt Nam',
) {
  return {
    kind: 'chuong_trinh_hanh_dong',
    symbol: '05/CTr-LĐLĐ',
    title,
    issuerUnitId,
    issuedOn: '2024-01-18',
    termFrom: 2023,
    termTo: 2028,
  };
}

/** Types a document in by hand (POST /api/documents) as the session; the answer must be 200: the document's id. */
export async function createDocument(session: Session, body: Record<string, unknown>): Promise<number> {
  const r = await session.send('POST', '/api/documents', body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.id as number;
}

/** Sets a target by hand (POST /api/targets) as the session; the answer must be 200: the target as answered. */
export async function createTarget(session: Session, body: Record<string, unknown>) {
  const r = await session.send('POST', '/api/targets', body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}
