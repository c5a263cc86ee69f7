import { sql, type Kysely } from 'kysely';
import type { DemoRegistries } from '../../domain/demo/demo-registries.ts';
import type { DB } from '../db/schema.ts';

const BATCH = 5000;

function* chunks<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += BATCH) yield items.slice(i, i + BATCH);
}

/**
 * Bulk-inserts the demo registries with unnest() (one bind parameter per column, whatever the
 * batch size: PGlite caps a statement at 32,767 parameters). Called inside the demo transaction.
 */
export async function loadDemoRegistries(
  trx: Kysely<DB>,
  data: DemoRegistries,
  unitIds: Map<string, number>,
): Promise<{ members: number; employers: number; agreements: number }> {
  const id = (code: string) => unitIds.get(code)!;
  const employerIds = new Map<string, number>();
  for (const batch of chunks(data.employers)) {
    const rows = await sql<{ id: number; tax_code: string }>`
      INSERT INTO employer (tax_code, name, sector, industry, province_name, area_unit_id, cdcs_unit_id, workers, women_workers, workers_counted_on)
      SELECT t.tax_code, t.name, t.sector, t.industry, 'Tây Ninh', t.area, t.cdcs, t.workers, t.women, '2026-06-30'::date
      FROM unnest(${batch.map((e) => e.taxCode)}::text[], ${batch.map((e) => e.name)}::text[], ${batch.map((e) => e.sector)}::text[],
                  ${batch.map((e) => e.industry)}::text[], ${batch.map((e) => id(e.areaCode))}::bigint[],
                  ${batch.map((e) => (e.cdcsCode ? id(e.cdcsCode) : null))}::bigint[], ${batch.map((e) => e.workers)}::int[],
                  ${batch.map((e) => e.womenWorkers)}::int[]) AS t(tax_code, name, sector, industry, area, cdcs, workers, women)
      RETURNING id, tax_code`.execute(trx);
    for (const r of rows.rows) employerIds.set(r.tax_code, Number(r.id));
  }
  await sql`
    INSERT INTO grassroots_profile (unit_id, employer_id, founding_decision, founded_on, chair_name)
    SELECT * FROM unnest(${data.profiles.map((p) => id(p.cdcsCode))}::bigint[], ${data.profiles.map((p) => employerIds.get(p.employerTaxCode)!)}::bigint[],
                         ${data.profiles.map((p) => p.foundingDecision)}::text[], ${data.profiles.map((p) => p.foundedOn)}::date[], ${data.profiles.map((p) => p.chairName)}::text[])`.execute(
    trx,
  );

  for (const batch of chunks(data.members)) {
    const current = (m: (typeof batch)[number]) => id(m.history.at(-1)![0]);
    const rows = await sql<{ id: number; cccd: string }>`
      INSERT INTO member (full_name, gender, birth_date, cccd, phone, ethnicity, card_number, joined_on, current_unit_id, status, left_on, left_reason)
      SELECT * FROM unnest(${batch.map((m) => m.fullName)}::text[], ${batch.map((m) => m.gender)}::text[], ${batch.map((m) => m.birthDate)}::date[],
                           ${batch.map((m) => m.cccd)}::text[], ${batch.map((m) => m.phone)}::text[], ${batch.map((m) => m.ethnicity)}::text[],
                           ${batch.map((m) => m.cardNumber)}::text[], ${batch.map((m) => m.joinedOn)}::date[], ${batch.map(current)}::bigint[],
                           ${batch.map((m) => (m.leftOn ? 'left' : 'active'))}::text[], ${batch.map((m) => m.leftOn)}::date[], ${batch.map((m) => m.leftReason)}::text[])
      RETURNING id, cccd`.execute(trx);
    const memberIds = new Map(rows.rows.map((r) => [r.cccd, Number(r.id)]));
    const spans = batch.flatMap((m) =>
      m.history.map((h) => ({ member: memberIds.get(m.cccd)!, unit: id(h[0]), from: h[1], to: h[2], start: h[3], end: h[4] })),
    );
    await sql`
      INSERT INTO membership (member_id, unit_id, valid_from, valid_to, start_reason, end_reason)
      SELECT * FROM unnest(${spans.map((s) => s.member)}::bigint[], ${spans.map((s) => s.unit)}::bigint[], ${spans.map((s) => s.from)}::date[],
                           ${spans.map((s) => s.to)}::date[], ${spans.map((s) => s.start)}::text[], ${spans.map((s) => s.end)}::text[])`.execute(
      trx,
    );
  }

  // Agreements in one statement; then each renewal is linked to the one it renews by position.
  const a = data.agreements;
  const inserted = await sql<{ id: number }>`
    INSERT INTO agreement (cdcs_unit_id, employer_id, kind, signed_on, effective_from, expires_on, ended_on, quality_class, better_than_law)
    SELECT t.cdcs, t.employer, 'enterprise', t.signed, t.effective, t.expires, t.ended, t.quality, t.better
    FROM unnest(${a.map((x) => id(x.cdcsCode))}::bigint[], ${a.map((x) => employerIds.get(x.employerTaxCode) ?? null)}::bigint[],
                ${a.map((x) => x.signedOn)}::date[], ${a.map((x) => x.effectiveFrom)}::date[], ${a.map((x) => x.expiresOn)}::date[],
                ${a.map((x) => x.endedOn)}::date[], ${a.map((x) => x.qualityClass)}::text[], ${a.map((x) => x.betterThanLaw)}::boolean[])
         WITH ORDINALITY AS t(cdcs, employer, signed, effective, expires, ended, quality, better, ord)
    ORDER BY t.ord
    RETURNING id`.execute(trx);
  // Rows are inserted in ORDER BY order and the identity hands out increasing ids as it goes,
  // so the sorted ids line up with the list positions.
  const agreementIds = inserted.rows.map((r) => Number(r.id)).sort((x, y) => x - y);
  const renewals = a
    .map((x, i) => [agreementIds[i]!, x.renews === null ? null : agreementIds[x.renews]!] as const)
    .filter(([, r]) => r !== null);
  if (renewals.length) {
    await sql`UPDATE agreement g SET renews_id = v.renews FROM unnest(${renewals.map(([i]) => i)}::bigint[], ${renewals.map(([, r]) => r)}::bigint[]) AS v(id, renews) WHERE g.id = v.id`.execute(
      trx,
    );
  }
  return { members: data.members.length, employers: data.employers.length, agreements: data.agreements.length };
}
