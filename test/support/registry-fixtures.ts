import { expect } from 'vitest';
import { taxCheckDigit } from '../../domain/registry/identity-codes.ts';
import type { Session } from './test-app.ts';

/** POSTs a new record as the session; the answer must be 200: the record as answered. */
export async function created(session: Session, url: string, body: Record<string, unknown>) {
  const r = await session.send('POST', url, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** A private employer of the area, linked to one of its CĐCS, workers counted on 01/01/2026; the tax code gets its check digit. */
export function privateEmployer(
  taxCodeStem: string,
  name: string,
  units: { areaUnitId: number; cdcsUnitId: number },
  workers: { workers: number; womenWorkers: number },
) {
  return {
    taxCode: `${taxCodeStem}${taxCheckDigit(taxCodeStem)}`,
    name,
    sector: 'private',
    ...units,
    ...workers,
    workersCountedOn: '2026-01-01',
  };
}

/** The CĐCS's collective agreement with its employer, in force from 01/01/2025 to 31/12/2027, quality class B. */
export function enterpriseAgreement(cdcsUnitId: number, employerId: number) {
  return {
    cdcsUnitId,
    employerId,
    kind: 'enterprise',
    signedOn: '2025-01-01',
    effectiveFrom: '2025-01-01',
    expiresOn: '2027-12-31',
    qualityClass: 'B',
  };
}
