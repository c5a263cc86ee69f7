import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS, kindsFor } from './notification-kinds.ts';

describe('the kinds of notification a person may turn off', () => {
  it('are listed once each, named in composed Vietnamese', () => {
    const kinds = NOTIFICATION_KINDS.map((k) => k.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const k of NOTIFICATION_KINDS) expect(k.label).toBe(k.label.normalize('NFC'));
  });

  it('offers a person only the kinds their permissions can bring, in the catalogue order', () => {
    expect(kindsFor(['reports.review']).map((k) => k.kind)).toEqual(['report.submitted', 'report.resubmitted']);
    expect(kindsFor(['org.read']).map((k) => k.kind)).toEqual([]);
    expect(kindsFor(new Set(['targets.read'])).map((k) => k.kind)).toEqual(['target.behind', 'target.missed']);
  });

  it('leaves out the notices that are always sent (account, daily digest)', () => {
    expect(NOTIFICATION_KINDS.map((k) => k.kind).filter((k) => k.startsWith('account.') || k.startsWith('digest.'))).toEqual([]);
  });
});
