import { sql, type Kysely } from 'kysely';
import { ROLE_SEEDS } from '../../../domain/access/permission.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE role (
      code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,40}$'),
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      permissions text[] NOT NULL DEFAULT '{}',
      is_builtin boolean NOT NULL DEFAULT false
    )
  `.execute(db);
  for (const role of ROLE_SEEDS) {
    await sql`INSERT INTO role (code, name, description, permissions, is_builtin)
              VALUES (${role.code}, ${role.name}, ${role.description}, ${role.permissions}::text[], true)
              ON CONFLICT (code) DO NOTHING`.execute(db);
  }

  await sql`
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
  `.execute(db);
  await sql`CREATE UNIQUE INDEX app_user_username ON app_user (username)`.execute(db);
  await sql`CREATE INDEX app_user_unit ON app_user (unit_id)`.execute(db);
  await sql`CREATE INDEX app_user_name_trgm ON app_user USING gin (search_normalize(full_name) gin_trgm_ops)`.execute(db);

  await sql`
    CREATE TABLE user_role (
      user_id bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      role_code text NOT NULL REFERENCES role(code),
      PRIMARY KEY (user_id, role_code)
    )
  `.execute(db);

  // Only a hash of the session token is stored: a leaked table opens no session.
  await sql`
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
  `.execute(db);
  await sql`CREATE INDEX user_session_user ON user_session (user_id) WHERE revoked_at IS NULL`.execute(db);

  await sql`
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
  `.execute(db);
  await sql`CREATE INDEX api_token_unit ON api_token (unit_id)`.execute(db);

  await sql`
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
  `.execute(db);
  await sql`CREATE INDEX audit_log_at ON audit_log (at DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_unit_at ON audit_log (unit_id, at DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_actor_at ON audit_log (actor_user_id, at DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_action_at ON audit_log (action, at DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'api_token', 'user_session', 'user_role', 'app_user', 'role']) {
    await sql`DROP TABLE IF EXISTS ${sql.raw(table)}`.execute(db);
  }
}
