import type { PlanDocument, TargetProgress } from '../../app/api/progress.api.ts';
import { apiPost } from './api.ts';
import { apiSession, startOnLaptop, stopStage, type LaptopStage, type Session } from './session.ts';

/** What sets one programme apart; the rest is the province's term 2023–2028 unless given. */
export interface ProgrammeHeading {
  symbol: string;
  title: string;
  issuedOn?: string;
  termFrom?: number;
  termTo?: number;
  /** The session's own unit unless given. */
  issuerUnitId?: number;
}

/** A programme (the demo has no documents) made through the API as the officer would type its heading. */
export function postProgramme(baseUrl: string, officer: Session, heading: ProgrammeHeading): Promise<PlanDocument> {
  return apiPost<PlanDocument>(
    baseUrl,
    '/api/documents',
    { kind: 'program', issuerUnitId: officer.me.unit.id, issuedOn: '2023-11-20', termFrom: 2023, termTo: 2028, ...heading },
    officer,
  );
}

/** A target of that programme, set for the session's own unit unless the body names another. */
export function postTarget(baseUrl: string, officer: Session, documentId: number, body: Record<string, unknown>): Promise<TargetProgress> {
  return apiPost<TargetProgress>(baseUrl, '/api/targets', { documentId, unitId: officer.me.unit.id, ...body }, officer);
}

/** The province's members target the programmes here start with: more than 140,000 members by 2028. */
export const MEMBERS_TARGET = {
  indicatorCode: 'members',
  comparator: '>',
  value: 140000,
  deadlineYear: 2028,
  subject: 'đoàn viên công đoàn',
};

/**
 * A laptop stage, the officer's API session, and a programme of theirs made through the API; the
 * stage is stopped again when the rest fails (the caller's afterAll never got hold of it).
 */
export async function startWithProgramme(
  username: string,
  heading: ProgrammeHeading,
): Promise<LaptopStage & { officer: Session; doc: PlanDocument }> {
  const stage = await startOnLaptop();
  try {
    const officer = await apiSession(stage.server.url, username);
    return { ...stage, officer, doc: await postProgramme(stage.server.url, officer, heading) };
  } catch (error) {
    await stopStage(stage);
    throw error;
  }
}
