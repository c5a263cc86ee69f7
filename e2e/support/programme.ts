import type { PlanDocument, TargetProgress } from '../../app/api/progress.api.ts';
import { apiPost } from './api.ts';
import type { Session } from './session.ts';

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
