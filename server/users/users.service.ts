import type { Kysely } from 'kysely';
import { isPermission, PERMISSION_LABELS } from '../../domain/access/permission.ts';
import { maskPhone } from '../../domain/access/personal-data.ts';
import { notifyAccountCreated, notifyAccountLocked } from '../notifications/account-notifications.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import { isUnitInScope, revokeUserSessions, updatePassword } from '../auth/auth.repository.ts';
import { can, type Principal } from '../auth/principal.ts';
import { hashPassword, temporaryPassword } from '../auth/secrets.ts';
import type { DB } from '../db/schema.ts';
import { commonErrors } from '../http/common.errors.ts';
import * as repo from './users.repository.ts';
import type { CreateUserBody, UpdateUserBody, UserItem } from './users.schema.ts';
import { userErrors } from './users.errors.ts';

export const userNotFound = userErrors.notFound;
const userStronger = userErrors.stronger;
const unitNotFound = commonErrors.unitNotFound;

/**
 * The granting rule applied to the person: whoever changes an account (its password, lock,
 * details, roles, sessions) must hold every permission it has — else resetting a stronger
 * account's password and logging in as it would be an escalation.
 */
function canManage(principal: Principal, user: repo.UserRow): boolean {
  return user.permissions.every((p) => isPermission(p) && principal.permissions.has(p));
}

/** What an audit row keeps of a user: never the password hash, never the phone in clear. */
function auditView(user: repo.UserRow) {
  return {
    username: user.username,
    fullName: user.full_name,
    unitId: Number(user.unit_id),
    email: user.email,
    phone: maskPhone(user.phone),
    roles: user.roles.map((r) => r.code),
    isDisabled: user.is_disabled,
  };
}

export class UsersService {
  constructor(private readonly db: Kysely<DB>) {}

  present(row: repo.UserRow, viewer: Principal): UserItem {
    const unmasked = can(viewer, 'personal_data.view');
    return {
      id: Number(row.id),
      username: row.username,
      fullName: row.full_name,
      unit: { id: Number(row.unit_id), code: row.unit_code, name: row.unit_name },
      roles: row.roles,
      email: row.email,
      phone: unmasked ? row.phone : maskPhone(row.phone),
      phoneMasked: !unmasked && row.phone !== null,
      isDisabled: row.is_disabled,
      lockedUntil: row.locked_until && row.locked_until.getTime() > Date.now() ? row.locked_until.toISOString() : null,
      mustChangePassword: row.must_change_password,
      lastLoginAt: row.last_login_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
      manageable: canManage(viewer, row),
    };
  }

  async list(principal: Principal, q: { q?: string; unitId?: number; page?: number; pageSize?: number }) {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const { rows, total } = await repo.listUsers(this.db, {
      scopePath: principal.scopePath,
      search: q.q?.normalize('NFC'),
      unitId: q.unitId,
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { items: rows.map((r) => this.present(r, principal)), total, page, pageSize };
  }

  async detail(principal: Principal, actor: AuditActor, id: number): Promise<UserItem> {
    const row = await repo.findUser(this.db, id);
    if (!row) throw userNotFound();
    if (row.phone && can(principal, 'personal_data.view')) {
      await writeAudit(this.db, actor, {
        action: 'personal_data.view',
        unitId: Number(row.unit_id),
        entityType: 'user',
        entityId: id,
        detail: { fields: ['phone'] },
      });
    }
    return this.present(row, principal);
  }

  /** A granter may give only roles whose permissions they hold themselves: no escalation. */
  private async checkRoles(principal: Principal, codes: string[]): Promise<void> {
    const unique = [...new Set(codes)];
    const roles = await repo.findRoles(this.db, unique);
    const unknown = unique.filter((c) => !roles.some((r) => r.code === c));
    if (unknown.length) throw userErrors.rolesUnknown(unknown);
    for (const role of roles) {
      const missing = role.permissions.filter((p) => !isPermission(p) || !principal.permissions.has(p));
      if (missing.length) {
        throw userErrors.roleNotGrantable(role.name);
      }
    }
  }

  /**
   * The user about to be changed, if the caller may change them. Judged first without a lock
   * (a refusal before any other work), then again inside the change's transaction with the row
   * locked, so the roles it is judged on are the roles it applies to.
   */
  private async findForChange(db: Kysely<DB>, principal: Principal, id: number, lock = true): Promise<repo.UserRow> {
    const user = lock ? await repo.findUserForChange(db, id) : await repo.findUser(db, id);
    if (!user) throw userNotFound();
    if (!canManage(principal, user)) throw userStronger();
    return user;
  }

  private async checkUnit(principal: Principal, unitId: number): Promise<void> {
    if (!(await isUnitInScope(this.db, unitId, principal.scopePath))) throw unitNotFound();
  }

  async create(principal: Principal, actor: AuditActor, body: CreateUserBody) {
    await this.checkUnit(principal, body.unitId);
    await this.checkRoles(principal, body.roles);
    const username = body.username.toLowerCase();
    if (await repo.usernameTaken(this.db, username)) {
      throw userErrors.usernameTaken(username);
    }
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const id = await this.db.transaction().execute(async (trx) => {
      const newId = await repo.insertUser(trx, {
        username,
        fullName: body.fullName.normalize('NFC').trim(),
        unitId: body.unitId,
        email: body.email ?? null,
        phone: body.phone ?? null,
        passwordHash,
        mustChangePassword: true,
      });
      await repo.setRoles(trx, newId, [...new Set(body.roles)]);
      const created = (await repo.findUser(trx, newId))!;
      await writeAudit(trx, actor, {
        action: 'user.create',
        unitId: body.unitId,
        entityType: 'user',
        entityId: newId,
        after: auditView(created),
      });
      await notifyAccountCreated(trx, newId); // issue 21: the owner is told, by e-mail where given
      return newId;
    });
    return { user: this.present((await repo.findUser(this.db, id))!, principal), temporaryPassword: password };
  }

  async update(principal: Principal, actor: AuditActor, id: number, body: UpdateUserBody): Promise<UserItem> {
    await this.findForChange(this.db, principal, id, false);
    if (body.unitId !== undefined) await this.checkUnit(principal, body.unitId);
    if (body.roles !== undefined) await this.checkRoles(principal, body.roles);
    if (id === principal.userId && body.roles !== undefined) {
      throw userErrors.selfRoleChange();
    }
    await this.db.transaction().execute(async (trx) => {
      const before = await this.findForChange(trx, principal, id);
      await repo.updateUser(trx, id, {
        ...(body.fullName !== undefined && { full_name: body.fullName.normalize('NFC').trim() }),
        ...(body.unitId !== undefined && { unit_id: body.unitId }),
        ...(body.email !== undefined && { email: body.email }),
        ...(body.phone !== undefined && { phone: body.phone }),
      });
      if (body.roles !== undefined) await repo.setRoles(trx, id, [...new Set(body.roles)]);
      const after = (await repo.findUser(trx, id))!;
      await writeAudit(trx, actor, {
        action: 'user.update',
        unitId: Number(after.unit_id),
        entityType: 'user',
        entityId: id,
        before: auditView(before),
        after: auditView(after),
      });
    });
    return this.present((await repo.findUser(this.db, id))!, principal);
  }

  async resetPassword(principal: Principal, actor: AuditActor, id: number) {
    await this.findForChange(this.db, principal, id, false);
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      const user = await this.findForChange(trx, principal, id);
      await updatePassword(trx, id, passwordHash, true);
      await repo.updateUser(trx, id, { failed_attempts: 0, locked_until: null });
      await revokeUserSessions(trx, id);
      await writeAudit(trx, actor, { action: 'user.reset_password', unitId: Number(user.unit_id), entityType: 'user', entityId: id });
    });
    return { user: this.present((await repo.findUser(this.db, id))!, principal), temporaryPassword: password };
  }

  async setDisabled(principal: Principal, actor: AuditActor, id: number, disabled: boolean): Promise<UserItem> {
    if (id === principal.userId) throw userErrors.selfLock();
    await this.db.transaction().execute(async (trx) => {
      const before = await this.findForChange(trx, principal, id);
      await repo.updateUser(trx, id, disabled ? { is_disabled: true } : { is_disabled: false, failed_attempts: 0, locked_until: null });
      if (disabled) await revokeUserSessions(trx, id);
      if (disabled && !before.is_disabled) await notifyAccountLocked(trx, id, 'administrator'); // issue 21: the owner is told
      await writeAudit(trx, actor, {
        action: disabled ? 'user.lock' : 'user.unlock',
        unitId: Number(before.unit_id),
        entityType: 'user',
        entityId: id,
        before: { isDisabled: before.is_disabled },
        after: { isDisabled: disabled },
      });
    });
    return this.present((await repo.findUser(this.db, id))!, principal);
  }

  async roles() {
    const rows = await repo.findRoles(this.db);
    return {
      items: rows.map((r) => ({
        code: r.code,
        name: r.name,
        description: r.description,
        isBuiltin: r.is_builtin,
        permissions: r.permissions.filter(isPermission).map((p) => ({ code: p, label: PERMISSION_LABELS[p] })),
      })),
    };
  }
}
