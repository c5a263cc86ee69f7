import { sql, type Kysely } from 'kysely';

// Frozen on 2026-12-06 by scripts/freeze-migration.ts: the statements this migration ran on a
// fresh database, parameters written in. It imports no live code, so editing today's code never
// changes what it does. Never edit them; write a new migration.
const UP: string[] = [
  `
    CREATE TABLE role (
      code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,40}$'),
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      permissions text[] NOT NULL DEFAULT '{}',
      is_builtin boolean NOT NULL DEFAULT false
    )
  `,
  `INSERT INTO role (code, name, description, permissions, is_builtin)
              VALUES ('system_admin', 'Quản trị hệ thống', 'Quản lý tài khoản, khóa API và nhật ký trong phạm vi đơn vị của mình; xem và sửa mọi dữ liệu trong phạm vi đó.', '{"org.read","org.write","org.restructure","registry.read","registry.write","targets.read","targets.write","users.manage","tokens.manage","audit.read","reports.read","reports.submit","reports.review","reports.manage","measures.manage"}'::text[], true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO role (code, name, description, permissions, is_builtin)
              VALUES ('union_staff', 'Cán bộ công đoàn', 'Xem và cập nhật dữ liệu của đơn vị mình và các đơn vị trực thuộc.', '{"org.read","org.write","org.restructure","registry.read","registry.write","targets.read","targets.write","reports.read","reports.submit","reports.review"}'::text[], true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO role (code, name, description, permissions, is_builtin)
              VALUES ('grassroots_officer', 'Cán bộ CĐCS', 'Xem và cập nhật dữ liệu của công đoàn cơ sở mình và đoàn viên của công đoàn cơ sở đó.', '{"org.read","registry.read","registry.write","targets.read","reports.read","reports.submit"}'::text[], true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO role (code, name, description, permissions, is_builtin)
              VALUES ('viewer', 'Người xem', 'Chỉ xem dữ liệu của đơn vị mình và các đơn vị trực thuộc.', '{"org.read","registry.read","targets.read","reports.read"}'::text[], true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO role (code, name, description, permissions, is_builtin)
              VALUES ('personal_data_officer', 'Được xem dữ liệu cá nhân', 'Bổ sung cho vai trò khác: xem đầy đủ số CCCD, điện thoại của đoàn viên trong phạm vi (mỗi lần xem được ghi nhật ký).', '{"personal_data.view"}'::text[], true)
              ON CONFLICT (code) DO NOTHING`,
  `
    CREATE TABLE app_user (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      username text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
      full_name text NOT NULL CHECK (length(trim(full_name)) > 0),
      unit_id bigint NOT NULL REFERENCES org_unit(id),
      email text,
      phone text,
      password_hash text NOT NULL,
      must_change_password boolean NOT NULL DEFAULT true,
      is_disabled boolean NOT NULL DEFAULT false,
      failed_attempts integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      password_changed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )
  `,
  `CREATE UNIQUE INDEX app_user_username ON app_user (username)`,
  `CREATE INDEX app_user_unit ON app_user (unit_id)`,
  `CREATE INDEX app_user_name_trgm ON app_user USING gin (search_normalize(full_name) gin_trgm_ops)`,
  `
    CREATE TABLE user_role (
      user_id bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      role_code text NOT NULL REFERENCES role(code),
      PRIMARY KEY (user_id, role_code)
    )
  `,
  `
    CREATE TABLE user_session (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      token_hash text NOT NULL UNIQUE,
      user_id bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      ip text,
      user_agent text
    )
  `,
  `CREATE INDEX user_session_user ON user_session (user_id) WHERE revoked_at IS NULL`,
  `
    CREATE TABLE api_token (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL CHECK (length(trim(name)) > 0),
      token_hash text NOT NULL UNIQUE,
      token_prefix text NOT NULL,
      unit_id bigint NOT NULL REFERENCES org_unit(id),
      role_code text NOT NULL REFERENCES role(code),
      created_by bigint REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    )
  `,
  `CREATE INDEX api_token_unit ON api_token (unit_id)`,
  `
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      action text NOT NULL,
      actor_user_id bigint REFERENCES app_user(id),
      actor_token_id bigint REFERENCES api_token(id),
      actor_label text NOT NULL,
      unit_id bigint REFERENCES org_unit(id),
      entity_type text,
      entity_id text,
      before jsonb,
      after jsonb,
      detail jsonb,
      ip text
    )
  `,
  `CREATE INDEX audit_log_at ON audit_log (at DESC)`,
  `CREATE INDEX audit_log_unit_at ON audit_log (unit_id, at DESC)`,
  `CREATE INDEX audit_log_actor_at ON audit_log (actor_user_id, at DESC)`,
  `CREATE INDEX audit_log_action_at ON audit_log (action, at DESC)`,
];

const DOWN: string[] = [
  `DROP TABLE IF EXISTS audit_log`,
  `DROP TABLE IF EXISTS api_token`,
  `DROP TABLE IF EXISTS user_session`,
  `DROP TABLE IF EXISTS user_role`,
  `DROP TABLE IF EXISTS app_user`,
  `DROP TABLE IF EXISTS role`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
