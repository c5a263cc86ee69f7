import type { ColumnType, Generated } from 'kysely';
import type { Sector, UnitKind } from '../../domain/org/org-unit.ts';

/**
 * Kysely's view of the tables. Dates are ISO strings ('2025-07-01'): we register a pg type
 * parser so a DATE never turns into a JS Date shifted by the server's time zone.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrgUnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  short_name: string | null;
  kind: UnitKind;
  sector: Sector | null;
  /** Abbreviation used in document numbers: "LĐLĐ", "CĐ". */
  symbol: string | null;
  /** Địa danh printed on documents: "Tây Ninh". */
  place: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  valid_from: string;
  valid_to: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * Where a unit sits in the tree, and when. One row per interval: a move closes a row and opens
 * another, so the tree "as of" any date is the set of rows valid on that date. `path` is the
 * materialised path of unit ids (ltree) as it stood in that interval.
 */
export interface OrgPlacementTable {
  id: Generated<number>;
  unit_id: number;
  parent_id: number | null;
  path: string;
  depth: number;
  valid_from: string;
  valid_to: string | null;
}

export interface RoleTable {
  code: string;
  name: string;
  description: string;
  permissions: string[];
  is_builtin: boolean;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  full_name: string;
  unit_id: number;
  email: string | null;
  phone: string | null;
  password_hash: string;
  must_change_password: Generated<boolean>;
  is_disabled: Generated<boolean>;
  failed_attempts: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  password_changed_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserRoleTable {
  user_id: number;
  role_code: string;
}

export interface UserSessionTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  token_prefix: string;
  unit_id: number;
  role_code: string;
  created_by: number | null;
  created_at: Timestamp;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

type Json = ColumnType<unknown, string | null, string | null>;

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  action: string;
  actor_user_id: number | null;
  actor_token_id: number | null;
  actor_label: string;
  unit_id: number | null;
  entity_type: string | null;
  entity_id: string | null;
  before: Json;
  after: Json;
  detail: Json;
  ip: string | null;
}

export interface DB {
  org_unit: OrgUnitTable;
  org_placement: OrgPlacementTable;
  role: RoleTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  audit_log: AuditLogTable;
}
