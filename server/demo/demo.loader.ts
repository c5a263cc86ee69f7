import type { Kysely } from 'kysely';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from '../../domain/demo/demo-accounts.ts';
import { generateDemoProvince, type DemoUnit } from '../../domain/demo/demo-province.ts';
import { generateDemoRegistries } from '../../domain/demo/demo-registries.ts';
import { loadDemoRegistries } from './demo-registries.loader.ts';
import { SYSTEM_ACTOR, writeAudit } from '../audit/audit.repository.ts';
import { findUserForLogin } from '../auth/auth.repository.ts';
import { hashPassword, verifyPassword } from '../auth/secrets.ts';
import type { DB } from '../db/schema.ts';
import { countUnits, insertUnits } from '../org/org.repository.ts';
import { insertUser, setRoles } from '../users/users.repository.ts';

export interface DemoReport {
  created: boolean;
  units: number;
  members: number;
  employers: number;
  agreements: number;
  seconds: number;
}

/** Loads the demo province into an empty database, in one transaction (all or nothing). */
/** `registries: false` loads only the tree and the accounts (fast; for tests that bring their own rows). */
export async function loadDemo(db: Kysely<DB>, seed: number, options: { registries?: boolean } = {}): Promise<DemoReport> {
  const started = performance.now();
  // Every start asks; only a first one loads. Generating the province and hashing the password
  // cost a second or more of a busy core, so a database that has units answers before either.
  if ((await countUnits(db)) > 0) return { created: false, units: 0, members: 0, employers: 0, agreements: 0, seconds: 0 };
  const demo = generateDemoProvince(seed);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const created = await db.transaction().execute(async (trx) => {
    if ((await countUnits(trx)) > 0) return false as const;
    // Parents before children: insert depth by depth so each child finds its parent's path.
    const ids = new Map<string, number>();
    for (const level of byDepth(demo.units)) {
      const inserted = await insertUnits(
        trx,
        level.map((u) => ({
          code: u.code,
          name: u.name,
          kind: u.kind,
          sector: u.sector,
          symbol: u.symbol,
          place: u.place,
          validFrom: u.foundedOn <= u.placedOn ? u.foundedOn : u.placedOn,
          parentId: u.parentCode === null ? null : ids.get(u.parentCode)!,
        })),
      );
      for (const [code, id] of inserted) ids.set(code, id);
    }
    for (const account of DEMO_ACCOUNTS) {
      const unitId = ids.get(account.unitCode)!;
      await insertDemoAccount(trx, account, unitId, passwordHash);
    }
    const registries =
      options.registries === false
        ? { members: 0, employers: 0, agreements: 0 }
        : await loadDemoRegistries(trx, generateDemoRegistries(demo), ids);
    await writeAudit(trx, SYSTEM_ACTOR, {
      action: 'demo.create',
      detail: { seed, units: demo.units.length, accounts: DEMO_ACCOUNTS.length, ...registries },
    });
    return registries;
  });
  return {
    created: created !== false,
    units: created ? demo.units.length : 0,
    members: created ? created.members : 0,
    employers: created ? created.employers : 0,
    agreements: created ? created.agreements : 0,
    seconds: (performance.now() - started) / 1000,
  };
}

function byDepth(units: DemoUnit[]): DemoUnit[][] {
  const depth = new Map<string, number>();
  const byCode = new Map(units.map((u) => [u.code, u]));
  const depthOf = (u: DemoUnit): number => {
    const known = depth.get(u.code);
    if (known !== undefined) return known;
    const d = u.parentCode === null ? 0 : depthOf(byCode.get(u.parentCode)!) + 1;
    depth.set(u.code, d);
    return d;
  };
  const levels: DemoUnit[][] = [];
  for (const u of units) (levels[depthOf(u)] ??= []).push(u);
  return levels;
}

/** One demo account with its roles, ready to sign in with the demo password (`passwordHash`). */
export async function insertDemoAccount(db: Kysely<DB>, account: DemoAccount, unitId: number, passwordHash: string): Promise<void> {
  const userId = await insertUser(db, {
    username: account.username,
    fullName: account.fullName,
    unitId,
    email: `${account.username}@demo.tiendo.vn`,
    phone: account.phone,
    passwordHash,
    mustChangePassword: false,
  });
  await setRoles(db, userId, account.roles);
}

/** Demo accounts that still have the demo password (so printing it helps rather than misleads). */
export async function usableDemoAccounts(db: Kysely<DB>): Promise<typeof DEMO_ACCOUNTS> {
  const usable: typeof DEMO_ACCOUNTS = [];
  for (const account of DEMO_ACCOUNTS) {
    const user = await findUserForLogin(db, account.username);
    if (user && !user.is_disabled && (await verifyPassword(user.password_hash, DEMO_PASSWORD))) usable.push(account);
  }
  return usable;
}
