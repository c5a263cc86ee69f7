import { beforeAll, describe, expect, it } from 'vitest';
import { composeCccd } from '../../domain/registry/identity-codes.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { buildHistoricProvince } from '../../test/support/historic-province.ts';

describe.each(testDatabaseTargets())('members registry on $kind', (target) => {
  const { database, t } = useTestApp(target, `members-${target.kind}`);
  let staff: Session;
  let unit: Record<string, number> = {};

  beforeAll(async () => {
    unit = await buildHistoricProvince(database, await t.unitId('TLD'));
    await t.addUser('nhap.lieu', 'TST', ['union_staff']);
    staff = await t.login('nhap.lieu');
  });

  let serial = 0;
  async function join(name: string, gender: 'male' | 'female', birthYear: number, cdcs: string, joinedOn: string) {
    const body = {
      fullName: name,
      gender,
      birthDate: `${birthYear}-03-15`,
      cccd: composeCccd('072', gender, birthYear, ++serial),
      phone: null,
      joinedOn,
      cdcsUnitId: unit[cdcs],
    };
    const r = await staff.send('POST', '/api/members', body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.id as number;
  }
  const count = async (code: string, date: string) =>
    (await staff.get(`/api/members/count?unitId=${unit[code]}&date=${date}`)).body.members;

  it('counts members of a unit on any past date exactly, after transfers and departures', async () => {
    await join('Nguyễn Văn An', 'male', 1985, 'A', '2019-05-01'); // m1: A throughout
    const m2 = await join('Trần Thị Bích', 'female', 1992, 'A', '2024-06-01'); // m2: A, then D from 15/01/2025
    const m3 = await join('Lê Văn Cường', 'male', 1978, 'B', '2023-01-01'); // m3: B, left on 31/12/2024
    await join('Phạm Thị Dung', 'female', 2000, 'D', '2025-02-01'); // m4: D from 01/02/2025
    const m5 = await join('Hoàng Văn Em', 'male', 1990, 'B', '2020-01-01'); // m5: B, then D from 01/07/2024
    expect((await staff.send('POST', `/api/members/${m2}/transfer`, { toUnitId: unit.D, date: '2025-01-15' })).status).toBe(200);
    expect((await staff.send('POST', `/api/members/${m3}/leave`, { date: '2024-12-31', reason: 'Nghỉ việc' })).status).toBe(200);
    expect((await staff.send('POST', `/api/members/${m5}/transfer`, { toUnitId: unit.D, date: '2024-07-01' })).status).toBe(200);

    // Hand-computed: on 31/12/2024 → m1, m2 in C1 (A); m5 in C2 (D); m3 left that day; m4 not yet.
    expect(await count('TST', '2024-12-31')).toBe(3);
    expect(await count('C1', '2024-12-31')).toBe(2);
    expect(await count('C2', '2024-12-31')).toBe(1);
    expect(await count('B', '2024-12-30')).toBe(1); // m3's last day
    expect(await count('B', '2024-06-30')).toBe(2); // m3 and m5 before m5 moved
    // On 30/06/2025 → m1 (A); m2, m4, m5 (D).
    expect(await count('TST', '2025-06-30')).toBe(4);
    expect(await count('C1', '2025-06-30')).toBe(1);
    expect(await count('C2', '2025-06-30')).toBe(3);
    expect(await count('TST', '2019-12-31')).toBe(0); // the tree did not exist yet

    const history = (await staff.get(`/api/members/${m2}/history`)).body.items;
    expect(
      history.map((h: { unit: { code: string }; from: string; to: string | null; startLabel: string }) => [
        h.unit.code,
        h.from,
        h.to,
        h.startLabel,
      ]),
    ).toEqual([
      ['A', '2024-06-01', '2025-01-15', 'Kết nạp'],
      ['D', '2025-01-15', null, 'Chuyển đến'],
    ]);
  });

  it('finds a member by name without accents, masks the CCCD for a role without the personal-data permission', async () => {
    const list = await staff.get(`/api/members?q=${encodeURIComponent('tran thi bich')}&unitId=${unit.TST}`);
    expect(list.body.items.map((m: { fullName: string }) => m.fullName)).toEqual(['Trần Thị Bích']);
    expect(list.body.items[0].cccd).toMatch(/^0721\*{6}\d{2}$/);
    expect(list.body.items[0].personalDataMasked).toBe(true);
  });

  it('pages with a cursor through the whole list without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { fullName: string }[]; nextCursor: string | null } } = await staff.get(
        `/api/members?unitId=${unit.TST}&limit=2${cursor ? `&after=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((m) => m.fullName));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Hoàng Văn Em', 'Lê Văn Cường', 'Nguyễn Văn An', 'Phạm Thị Dung', 'Trần Thị Bích']);
  });

  it('searches whole word starts, names that begin with the words first, and pages across both groups', async () => {
    await join('Nguyễn Văn Anh', 'male', 1991, 'A', '2020-01-01');
    await join('Lê Văn An Nguyên', 'male', 1988, 'B', '2020-01-01');
    await join('Trần Nguyễn Văn Ân', 'male', 1979, 'D', '2020-01-01');
    await join('Nguyễn Thị Lan', 'female', 1993, 'A', '2020-01-01'); // "an" is inside "Lan": no match
    await join('Nguyễn Văn Tân', 'male', 1994, 'B', '2020-01-01'); // nor inside "Tân"
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { fullName: string }[]; nextCursor: string | null } } = await staff.get(
        `/api/members?q=${encodeURIComponent('nguyen van an')}&unitId=${unit.TST}&limit=2${cursor ? `&after=${cursor}` : ''}`,
      );
      pages.push(page.body.items.map((m) => m.fullName));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages.flat()).toEqual(['Nguyễn Văn An', 'Nguyễn Văn Anh', 'Lê Văn An Nguyên', 'Trần Nguyễn Văn Ân']);
    expect(pages[0]).toEqual(['Nguyễn Văn An', 'Nguyễn Văn Anh']);
    const oneWord = (await staff.get(`/api/members?q=an&unitId=${unit.TST}`)).body.items.map((m: { fullName: string }) => m.fullName);
    expect(oneWord).toEqual(['Lê Văn An Nguyên', 'Nguyễn Văn An', 'Nguyễn Văn Anh', 'Trần Nguyễn Văn Ân']);
  });

  it('refuses a membership that overlaps another of the same person, whoever writes it', async () => {
    const id = await join('Vũ Thị Hạnh', 'female', 1996, 'A', '2022-01-01');
    const overlapping = database.db
      .insertInto('membership')
      .values({ member_id: id, unit_id: unit.B!, valid_from: '2023-05-01', start_reason: 'transfer_in' })
      .execute();
    await expect(overlapping).rejects.toMatchObject({ code: '23P01', constraint: 'membership_no_overlap' });
    const closedBefore = database.db
      .insertInto('membership')
      .values({ member_id: id, unit_id: unit.B!, valid_from: '2020-01-01', valid_to: '2022-01-02', start_reason: 'joined' })
      .execute();
    await expect(closedBefore).rejects.toMatchObject({ code: '23P01' });
    // A period that ends the day the open one starts touches it without overlapping: allowed.
    await database.db
      .insertInto('membership')
      .values({
        member_id: id,
        unit_id: unit.B!,
        valid_from: '2020-01-01',
        valid_to: '2022-01-01',
        start_reason: 'joined',
        end_reason: 'transfer_out',
      })
      .execute();
    const history = (await staff.get(`/api/members/${id}/history`)).body.items.map(
      (h: { unit: { code: string }; from: string; to: string | null }) => [h.unit.code, h.from, h.to],
    );
    expect(history).toEqual([
      ['B', '2020-01-01', '2022-01-01'],
      ['A', '2022-01-01', null],
    ]);
  });

  if (target.kind === 'postgres') {
    it('lets only one of two concurrent transactions give one person overlapping periods', async () => {
      const id = await join('Đặng Văn Khoa', 'male', 1987, 'A', '2021-01-01');
      await database.db.updateTable('membership').set({ valid_to: '2024-01-01', end_reason: 'left' }).where('member_id', '=', id).execute();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let firstInserted!: () => void;
      const inserted = new Promise<void>((resolve) => (firstInserted = resolve));
      const first = database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('membership')
          .values({ member_id: id, unit_id: unit.B!, valid_from: '2025-01-01', start_reason: 'joined' })
          .execute();
        firstInserted();
        await gate;
      });
      await inserted;
      const second = database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('membership')
          .values({ member_id: id, unit_id: unit.D!, valid_from: '2025-03-01', start_reason: 'joined' })
          .execute();
      });
      const secondOutcome = second.then(
        () => 'committed',
        (e: { code?: string }) => e.code,
      );
      await new Promise((resolve) => setTimeout(resolve, 300)); // the second now waits for the first's lock
      release();
      await first;
      expect(await secondOutcome).toBe('23P01');
      const periods = await database.db
        .selectFrom('membership')
        .select(['unit_id', 'valid_from'])
        .where('member_id', '=', id)
        .orderBy('valid_from')
        .execute();
      expect(periods.map((p) => [Number(p.unit_id), p.valid_from])).toEqual([
        [unit.A, '2021-01-01'],
        [unit.B, '2025-01-01'],
      ]);
    });
  }

  it('refuses bad records with Vietnamese reasons that name the field, and changes nothing', async () => {
    const before = await count('TST', '2026-01-01');
    const bad = await staff.send('POST', '/api/members', {
      fullName: 'Người Sai',
      gender: 'male',
      birthDate: '2030-01-01',
      cccd: '123',
      joinedOn: '2020-01-01',
      cdcsUnitId: unit.A,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Ngày sinh: Ngày sinh ở tương lai\..*Số CCCD: Số CCCD phải gồm đúng 12 chữ số\./);
    const notCdcs = await staff.send('POST', '/api/members', {
      fullName: 'Người Đúng',
      gender: 'male',
      birthDate: '1990-01-01',
      cccd: composeCccd('072', 'male', 1990, 999),
      joinedOn: '2020-01-01',
      cdcsUnitId: unit.C1,
    });
    expect(notCdcs.status).toBe(400);
    expect(notCdcs.body.error.code).toBe('NOT_GRASSROOTS');
    const duplicate = await staff.send('POST', '/api/members', {
      fullName: 'Nguyễn Văn An',
      gender: 'male',
      birthDate: '1985-03-15',
      cccd: composeCccd('072', 'male', 1985, 1),
      joinedOn: '2020-01-01',
      cdcsUnitId: unit.B,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('CCCD_EXISTS');
    expect(await count('TST', '2026-01-01')).toBe(before);
  });

  it('lists possible duplicates and merges them keeping the history', async () => {
    const a = await join('Đỗ Thị Giang', 'female', 1995, 'A', '2021-01-01');
    const d = await join('Đỗ Thị Giang', 'female', 1995, 'D', '2023-01-01');
    const groups = (await staff.get('/api/members/duplicates')).body.items;
    const group = groups.find((g: { members: { id: number }[] }) => g.members.some((m) => m.id === a));
    expect(group.members.map((m: { id: number }) => m.id).sort()).toEqual([a, d].sort());
    const before = await count('TST', '2022-06-01');
    const doubleCounted = await count('TST', '2024-01-01'); // both records active that day
    const merged = await staff.send('POST', '/api/members/merge', { keepId: d, dropId: a });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    // The kept record now also carries 2021–2023 at A: the person is counted once, on every date.
    expect(await count('TST', '2022-06-01')).toBe(before);
    expect(await count('TST', '2024-01-01')).toBe(doubleCounted - 1);
    const history = (await staff.get(`/api/members/${d}/history`)).body.items;
    expect(history.map((h: { unit: { code: string }; from: string; to: string | null }) => [h.unit.code, h.from, h.to])).toEqual([
      ['A', '2021-01-01', '2023-01-01'],
      ['D', '2023-01-01', null],
    ]);
    expect((await staff.get(`/api/members/${a}`)).body.status).toBe('merged');
    expect(
      (await staff.get('/api/members/duplicates')).body.items.some((g: { members: { id: number }[] }) => g.members.some((m) => m.id === a)),
    ).toBe(false);
  });
});
