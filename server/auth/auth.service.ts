import type { Kysely } from 'kysely';
import { passwordProblem } from '../../domain/access/password-policy.ts';
import { isPermission, type Permission } from '../../domain/access/permission.ts';
import { AppError, badRequest } from '../../domain/errors/app-error.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import type { DB } from '../db/schema.ts';
import * as repo from './auth.repository.ts';
import type { Principal } from './principal.ts';
import { csrfTokenFor, dummyPasswordHash, hashPassword, newToken, tokenHash, verifyPassword } from './secrets.ts';

export const AUTH_POLICY = {
  maxFailedAttempts: 10,
  lockMinutes: 15,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  /** last_seen_at / last_used_at are written at most this often (seconds). */
  touchEverySeconds: 60,
} as const;

/** Machine clients may read and write data; managing people and keys stays with people. */
const TOKEN_FORBIDDEN: Permission[] = ['users.manage', 'tokens.manage', 'personal_data.view'];

const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 'unauthenticated', 'Tên đăng nhập hoặc mật khẩu không đúng.');

function lockedMessage(until: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new AppError(
    'ACCOUNT_LOCKED',
    'rate_limited',
    `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
  );
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

  async login(input: { username: string; password: string; ip: string | null; userAgent: string | null }): Promise<LoginResult> {
    const username = input.username.trim().toLowerCase();
    const user = await repo.findUserForLogin(this.db, username);
    const actor: AuditActor = { userId: user?.id ?? null, tokenId: null, label: username.slice(0, 64), ip: input.ip };
    if (!user) {
      await verifyPassword(await dummyPasswordHash(), input.password);
      await writeAudit(this.db, actor, { action: 'auth.login_failed', detail: { reason: 'unknown_user' } });
      throw invalidCredentials();
    }
    // During a lockout even the right password is refused, and not even checked.
    if (user.locked_until && user.locked_until.getTime() > Date.now()) {
      await writeAudit(this.db, actor, { action: 'auth.login_refused_locked', unitId: user.unit_id, entityType: 'user', entityId: user.id });
      throw lockedMessage(user.locked_until);
    }
    if (!(await verifyPassword(user.password_hash, input.password))) {
      const failure = await this.db.transaction().execute(async (trx) => {
        const result = await repo.recordFailedLogin(trx, user.id, AUTH_POLICY.maxFailedAttempts, AUTH_POLICY.lockMinutes);
        await writeAudit(trx, actor, { action: 'auth.login_failed', unitId: user.unit_id, entityType: 'user', entityId: user.id, detail: { attempts: result.attempts } });
        if (result.lockedUntil && result.attempts >= AUTH_POLICY.maxFailedAttempts) {
          await writeAudit(trx, actor, {
            action: 'auth.lockout', unitId: user.unit_id, entityType: 'user', entityId: user.id,
            detail: { attempts: result.attempts, lockedUntil: result.lockedUntil.toISOString() },
          });
        }
        return result;
      });
      if (failure.lockedUntil && failure.lockedUntil.getTime() > Date.now()) throw lockedMessage(failure.lockedUntil);
      throw invalidCredentials();
    }
    if (user.is_disabled) {
      await writeAudit(this.db, actor, { action: 'auth.login_refused_disabled', unitId: user.unit_id, entityType: 'user', entityId: user.id });
      throw new AppError('ACCOUNT_DISABLED', 'forbidden', 'Tài khoản đã bị khóa. Vui lòng liên hệ quản trị viên đơn vị.');
    }
    const sessionToken = newToken();
    const expiresAt = new Date(Date.now() + AUTH_POLICY.sessionAbsoluteHours * 3600_000);
    await this.db.transaction().execute(async (trx) => {
      await repo.recordSuccessfulLogin(trx, user.id);
      const sessionId = await repo.insertSession(trx, { tokenHash: tokenHash(sessionToken), userId: user.id, expiresAt, ip: input.ip, userAgent: input.userAgent });
      await writeAudit(trx, actor, { action: 'auth.login', unitId: user.unit_id, entityType: 'user', entityId: user.id, detail: { sessionId } });
    });
    return { sessionToken, csrfToken: csrfTokenFor(sessionToken), expiresAt, userId: user.id, mustChangePassword: user.must_change_password };
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
        await writeAudit(trx, { userId: null, tokenId: Number(row.token_id), label, ip }, {
          action: 'token.use', unitId: Number(row.unit_id), entityType: 'api_token', entityId: row.token_id,
        });
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
      await writeAudit(trx, actor, { action: 'auth.logout_all', unitId: principal.unitId, entityType: 'user', entityId: principal.userId, detail: { sessions: count } });
      return count;
    });
  }

  async changePassword(principal: Principal, actor: AuditActor, currentPassword: string, newPassword: string): Promise<void> {
    if (principal.userId === null) throw new AppError('NOT_A_USER', 'forbidden', 'Chỉ người dùng mới đổi được mật khẩu.');
    const user = await repo.findUserForLogin(this.db, principal.label);
    if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
      throw badRequest('CURRENT_PASSWORD_WRONG', 'Mật khẩu hiện tại không đúng.', [{ path: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' }]);
    }
    const problem = passwordProblem(newPassword, user.username, currentPassword);
    if (problem) throw badRequest('PASSWORD_POLICY', problem, [{ path: 'newPassword', message: problem }]);
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction().execute(async (trx) => {
      await repo.updatePassword(trx, user.id, passwordHash, false);
      // Other sessions (perhaps an attacker's) end; this one continues.
      await repo.revokeUserSessions(trx, user.id, principal.sessionId);
      await writeAudit(trx, actor, { action: 'auth.password_changed', unitId: user.unit_id, entityType: 'user', entityId: user.id });
    });
  }
}
