import type { Kysely } from 'kysely';
import { passwordProblem } from '../../domain/access/password-policy.ts';
import { isPermission, type Permission } from '../../domain/access/permission.ts';
import { notifyAccountLocked } from '../notifications/account-notifications.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import type { DB } from '../db/schema.ts';
import { authErrors } from './auth.errors.ts';
import * as repo from './auth.repository.ts';
import type { CurrentUser } from './auth.schema.ts';
import type { Principal } from './principal.ts';
import { csrfTokenFor, dummyPasswordHash, hashPassword, newToken, tokenHash, verifyPassword } from './secrets.ts';

export const AUTH_POLICY = {
  maxFailedAttempts: 10,
  lockMinutes: 15,
  /** Window of the per-address count of failed logins (its bound is `loginRateLimitPerIp`). */
  ipWindowMinutes: 15,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  /** last_seen_at / last_used_at are written at most this often (seconds). */
  touchEverySeconds: 60,
} as const;

/** Machine clients may read and write data; managing people and keys stays with people. */
const TOKEN_FORBIDDEN: Permission[] = ['users.manage', 'tokens.manage', 'personal_data.view'];

const invalidCredentials = authErrors.invalidCredentials;

function lockedMessage(until: Date) {
  return authErrors.accountLocked(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000)));
}

/**
 * Failed logins per client address, on top of the per-account lockout: slows down guessing
 * across many accounts from one address. Only failures count, so an office behind one address
 * can log in all day.
 *
 * Attempts still running are not known to succeed, so they occupy the bound while they run:
 * concurrent guesses cannot all pass a check made before any of them failed. An attempt that
 * finds the bound taken only by running attempts waits for one of them to end and checks again
 * instead of being refused, so forty colleagues logging in at 8:00 through one router are
 * delayed a moment, never told "too many attempts".
 * Kept in memory: right for the one server process Tiến Độ runs as (a restart forgets it, and
 * several processes would each count their own).
 */
export class LoginFailuresPerAddress {
  private readonly addresses = new Map<string, AddressCount>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMinutes = AUTH_POLICY.ipWindowMinutes,
  ) {}

  async attempt<T>(address: string, login: () => Promise<T>): Promise<T> {
    const entry = this.entryFor(address);
    // A newcomer queues behind those already waiting, so nobody waits for ever.
    if (entry.waiting.length > 0) await new Promise<void>((resolve) => entry.waiting.push(resolve));
    for (;;) {
      const now = Date.now();
      if (entry.windowEndsAt <= now) {
        entry.failures = 0;
        entry.windowEndsAt = now + this.windowMinutes * 60_000;
      }
      if (entry.failures >= this.maxFailures) {
        // The next one in line is refused too, without waiting for an attempt to end.
        entry.waiting.shift()?.();
        const minutes = Math.max(1, Math.ceil((entry.windowEndsAt - now) / 60_000));
        throw authErrors.tooManyAttemptsFromAddress(minutes);
      }
      if (entry.failures + entry.running < this.maxFailures) break;
      await new Promise<void>((resolve) => entry.waiting.push(resolve));
    }
    entry.running += 1;
    // Room left for the next in line (a woken one takes one place; more may be free).
    if (entry.failures + entry.running < this.maxFailures) entry.waiting.shift()?.();
    const windowAtStart = entry.windowEndsAt;
    try {
      return await login();
    } catch (error) {
      // A failure that began in an ended window does not burden the new one.
      if (entry.windowEndsAt === windowAtStart) entry.failures += 1;
      throw error;
    } finally {
      entry.running -= 1;
      const next = entry.waiting.shift();
      if (next) next();
      else this.forgetIfIdle(address, entry);
    }
  }

  private entryFor(address: string): AddressCount {
    let entry = this.addresses.get(address);
    if (!entry) {
      this.forgetEnded();
      entry = { failures: 0, windowEndsAt: 0, running: 0, waiting: [] };
      this.addresses.set(address, entry);
    }
    return entry;
  }

  /** An address with nothing counted and nothing running is not worth remembering. */
  private forgetIfIdle(address: string, entry: AddressCount): void {
    if (entry.failures === 0 && entry.running === 0 && entry.waiting.length === 0) this.addresses.delete(address);
  }

  /** Bounded memory: ended windows go whenever a new address comes and many are kept. */
  private forgetEnded(): void {
    if (this.addresses.size < 10_000) return;
    const now = Date.now();
    for (const [address, entry] of this.addresses) {
      if (entry.windowEndsAt <= now && entry.running === 0 && entry.waiting.length === 0) this.addresses.delete(address);
    }
  }
}

interface AddressCount {
  failures: number;
  windowEndsAt: number;
  /** Attempts started and not yet ended. */
  running: number;
  /** Attempts waiting for a running one to end (the bound was taken by running attempts only). */
  waiting: Array<() => void>;
}

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  userId: number;
  mustChangePassword: boolean;
}

export class AuthService {
  constructor(private readonly db: Kysely<DB>) {}

  /** Who is calling, as the app's shell shows it: the unit, the roles by name, the permissions. */
  async currentUser(principal: Principal): Promise<CurrentUser> {
    const unit = await repo.findUnitSummary(this.db, principal.unitId);
    const roles = principal.roles.length ? await repo.rolesByCode(this.db, principal.roles) : [];
    const fullName = principal.userId === null ? undefined : await repo.userFullName(this.db, principal.userId);
    return {
      user: {
        id: principal.userId,
        username: principal.label,
        fullName: fullName ?? principal.label,
        mustChangePassword: principal.mustChangePassword,
      },
      unit: { id: Number(unit.id), code: unit.code, name: unit.name, kind: unit.kind },
      roles,
      permissions: [...principal.permissions].sort(),
      csrfToken: principal.csrfToken,
    };
  }

  async login(input: { username: string; password: string; ip: string | null; userAgent: string | null }): Promise<LoginResult> {
    const username = input.username.trim().toLowerCase();
    const user = await repo.findUserForLogin(this.db, username);
    const actor: AuditActor = { userId: user?.id ?? null, tokenId: null, label: username.slice(0, 64), ip: input.ip };
    if (!user) {
      await verifyPassword(await dummyPasswordHash(), input.password);
      await writeAudit(this.db, actor, { action: 'auth.login_failed', detail: { reason: 'unknown_user' } });
      throw invalidCredentials();
    }
    // Counted before the password is checked, so concurrent guesses cannot all slip past the lock.
    const attempt = await repo.claimPasswordAttempt(this.db, user.id, AUTH_POLICY.maxFailedAttempts, AUTH_POLICY.lockMinutes);
    if (!attempt) {
      // During a lockout even the right password is refused, and not even checked.
      await writeAudit(this.db, actor, {
        action: 'auth.login_refused_locked',
        unitId: user.unit_id,
        entityType: 'user',
        entityId: user.id,
      });
      throw lockedMessage(await this.lockedUntil(user.id));
    }
    if (!(await verifyPassword(user.password_hash, input.password))) {
      await this.db.transaction().execute((trx) => this.auditFailure(trx, actor, user, 'auth.login_failed', attempt));
      if (attempt.lockedUntil) throw lockedMessage(attempt.lockedUntil);
      throw invalidCredentials();
    }
    if (user.is_disabled) {
      await this.db.transaction().execute(async (trx) => {
        await repo.clearFailedAttempts(trx, user.id);
        await writeAudit(trx, actor, {
          action: 'auth.login_refused_disabled',
          unitId: user.unit_id,
          entityType: 'user',
          entityId: user.id,
        });
      });
      throw authErrors.accountDisabled();
    }
    const sessionToken = newToken();
    const expiresAt = new Date(Date.now() + AUTH_POLICY.sessionAbsoluteHours * 3600_000);
    await this.db.transaction().execute(async (trx) => {
      await repo.recordSuccessfulLogin(trx, user.id);
      const sessionId = await repo.insertSession(trx, {
        tokenHash: tokenHash(sessionToken),
        userId: user.id,
        expiresAt,
        ip: input.ip,
        userAgent: input.userAgent,
      });
      await writeAudit(trx, actor, {
        action: 'auth.login',
        unitId: user.unit_id,
        entityType: 'user',
        entityId: user.id,
        detail: { sessionId },
      });
    });
    return {
      sessionToken,
      csrfToken: csrfTokenFor(sessionToken),
      expiresAt,
      userId: user.id,
      mustChangePassword: user.must_change_password,
    };
  }

  async authenticateSession(sessionToken: string): Promise<Principal | null> {
    const row = await repo.findSessionPrincipal(this.db, tokenHash(sessionToken), AUTH_POLICY.sessionIdleMinutes);
    if (!row) return null;
    if (Date.now() - row.last_seen_at.getTime() > AUTH_POLICY.touchEverySeconds * 1000) {
      await repo.touchSession(this.db, Number(row.session_id));
    }
    return {
      kind: 'user',
      userId: Number(row.user_id),
      tokenId: null,
      label: row.username,
      unitId: Number(row.unit_id),
      scopePath: row.scope_path,
      roles: row.roles,
      permissions: new Set(row.permissions.filter(isPermission)),
      mustChangePassword: row.must_change_password,
      sessionId: Number(row.session_id),
      csrfToken: csrfTokenFor(sessionToken),
    };
  }

  async authenticateToken(apiToken: string, ip: string | null): Promise<Principal | null> {
    const row = await repo.findTokenPrincipal(this.db, tokenHash(apiToken));
    if (!row) return null;
    const label = `khóa API: ${row.name}`;
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > AUTH_POLICY.touchEverySeconds * 1000) {
      // Token use is audited at most once a minute per token, with its last-used time.
      await this.db.transaction().execute(async (trx) => {
        await repo.touchToken(trx, Number(row.token_id));
        await writeAudit(
          trx,
          { userId: null, tokenId: Number(row.token_id), label, ip },
          {
            action: 'token.use',
            unitId: Number(row.unit_id),
            entityType: 'api_token',
            entityId: row.token_id,
          },
        );
      });
    }
    return {
      kind: 'token',
      userId: null,
      tokenId: Number(row.token_id),
      label,
      unitId: Number(row.unit_id),
      scopePath: row.scope_path,
      roles: [row.role_code],
      permissions: new Set(row.permissions.filter(isPermission).filter((p) => !TOKEN_FORBIDDEN.includes(p))),
      mustChangePassword: false,
      sessionId: null,
      csrfToken: null,
    };
  }

  async logout(principal: Principal, actor: AuditActor): Promise<void> {
    if (principal.sessionId === null) return;
    await this.db.transaction().execute(async (trx) => {
      await repo.revokeSession(trx, principal.sessionId!);
      await writeAudit(trx, actor, { action: 'auth.logout', unitId: principal.unitId, entityType: 'user', entityId: principal.userId });
    });
  }

  async logoutEverywhere(principal: Principal, actor: AuditActor): Promise<number> {
    if (principal.userId === null) return 0;
    return this.db.transaction().execute(async (trx) => {
      const count = await repo.revokeUserSessions(trx, principal.userId!);
      await writeAudit(trx, actor, {
        action: 'auth.logout_all',
        unitId: principal.unitId,
        entityType: 'user',
        entityId: principal.userId,
        detail: { sessions: count },
      });
      return count;
    });
  }

  /**
   * The current password is guessed like a login (by whoever holds a session): it is counted
   * against the same per-account lockout, and the wrong guess that locks also ends every session.
   */
  async changePassword(principal: Principal, actor: AuditActor, currentPassword: string, newPassword: string): Promise<void> {
    if (principal.userId === null) throw authErrors.notAUser();
    const user = await repo.findUserById(this.db, principal.userId);
    if (!user) throw authErrors.unauthenticated();
    const attempt = await repo.claimPasswordAttempt(this.db, user.id, AUTH_POLICY.maxFailedAttempts, AUTH_POLICY.lockMinutes);
    if (!attempt) {
      await writeAudit(this.db, actor, {
        action: 'auth.password_change_refused_locked',
        unitId: user.unit_id,
        entityType: 'user',
        entityId: user.id,
      });
      throw lockedMessage(await this.lockedUntil(user.id));
    }
    if (!(await verifyPassword(user.password_hash, currentPassword))) {
      await this.db.transaction().execute(async (trx) => {
        await this.auditFailure(trx, actor, user, 'auth.password_change_failed', attempt);
        if (attempt.lockedUntil) await repo.revokeUserSessions(trx, user.id);
      });
      if (attempt.lockedUntil) throw lockedMessage(attempt.lockedUntil);
      throw authErrors.currentPasswordWrong();
    }
    // Proven before the new password is judged: a weak new one must not count as a wrong guess.
    await repo.clearFailedAttempts(this.db, user.id);
    const problem = passwordProblem(newPassword, user.username, currentPassword);
    if (problem) throw authErrors.passwordPolicy(problem);
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction().execute(async (trx) => {
      await repo.updatePassword(trx, user.id, passwordHash, false);
      // Other sessions (perhaps an attacker's) end; this one continues.
      await repo.revokeUserSessions(trx, user.id, principal.sessionId);
      await writeAudit(trx, actor, { action: 'auth.password_changed', unitId: user.unit_id, entityType: 'user', entityId: user.id });
    });
  }

  /** One wrong password checked: its audit row, and the lockout's when this attempt set it. */
  private async auditFailure(
    trx: Kysely<DB>,
    actor: AuditActor,
    user: repo.LoginUserRow,
    action: string,
    attempt: { attempts: number; lockedUntil: Date | null },
  ): Promise<void> {
    const about = { unitId: user.unit_id, entityType: 'user', entityId: user.id };
    await writeAudit(trx, actor, { action, ...about, detail: { attempts: attempt.attempts } });
    if (attempt.lockedUntil) {
      await writeAudit(trx, actor, {
        action: 'auth.lockout',
        ...about,
        detail: { attempts: attempt.attempts, lockedUntil: attempt.lockedUntil.toISOString() },
      });
      await notifyAccountLocked(trx, user.id, 'failed_logins', attempt.lockedUntil); // issue 21: the owner is told, by e-mail too
    }
  }

  /** When a refused attempt's lock ends (read again: it may have been set a moment ago by another attempt). */
  private async lockedUntil(userId: number): Promise<Date> {
    const user = await repo.findUserById(this.db, userId);
    return user?.locked_until ?? new Date(Date.now() + AUTH_POLICY.lockMinutes * 60_000);
  }
}
