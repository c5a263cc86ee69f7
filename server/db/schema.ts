import type { ColumnType, Generated, GeneratedAlways } from 'kysely';
import type { Sector, UnitKind } from '../../domain/org/org-unit.ts';

/**
 * Kysely's view of the tables. Dates are ISO strings ('2025-07-01'): we register a pg type
 * parser so a DATE never turns into a JS Date shifted by the server's time zone.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

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

export interface StoredFileTable {
  id: Generated<number>;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  created_at: Timestamp;
}

export interface EmployerTable {
  id: Generated<number>;
  tax_code: string;
  name: string;
  sector: Sector;
  industry: string | null;
  address: string | null;
  province_name: string | null;
  commune_name: string | null;
  area_unit_id: number;
  cdcs_unit_id: number | null;
  workers: number | null;
  women_workers: number | null;
  workers_counted_on: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GrassrootsProfileTable {
  unit_id: number;
  employer_id: number | null;
  founding_decision: string | null;
  founded_on: string | null;
  chair_name: string | null;
  chair_phone: string | null;
  status: Generated<'active' | 'dissolved'>;
  dissolved_on: string | null;
}

export interface MemberTable {
  id: Generated<number>;
  full_name: string;
  gender: 'male' | 'female';
  birth_date: string;
  cccd: string;
  phone: string | null;
  ethnicity: string | null;
  card_number: string | null;
  joined_on: string;
  current_unit_id: number | null;
  status: Generated<'active' | 'left' | 'merged'>;
  left_on: string | null;
  left_reason: string | null;
  merged_into_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The CCCD is also on a live record its creator could not see: the upper union resolves it (0015). */
  cccd_review: Generated<boolean>;
}

export interface MembershipTable {
  id: Generated<number>;
  member_id: number;
  unit_id: number;
  valid_from: string;
  valid_to: string | null;
  start_reason: 'joined' | 'transfer_in' | 'merged_in' | 'restructure';
  end_reason: 'transfer_out' | 'left' | 'merged' | 'restructure' | null;
  note: string | null;
}

export interface AgreementTable {
  id: Generated<number>;
  employer_id: number | null;
  cdcs_unit_id: number;
  kind: 'enterprise' | 'sector' | 'multi_employer';
  number: string | null;
  signed_on: string;
  effective_from: string;
  expires_on: string;
  ended_on: string | null;
  quality_class: 'A' | 'B' | 'C' | 'D' | null;
  better_than_law: Generated<boolean>;
  renews_id: number | null;
  file_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ImportJobTable {
  id: Generated<number>;
  registry: string;
  file_name: string;
  file_sha256: string;
  scope_unit_id: number;
  dry_run: boolean;
  status: 'running' | 'done' | 'failed';
  rows_read: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  header_titles: ColumnType<unknown, string | undefined, string>;
  message: string | null;
  created_by: number | null;
  started_at: Timestamp;
  finished_at: Date | null;
  /** Field key → column index of the file (0015): what to mask or leave out of rejected rows. */
  field_columns: ColumnType<unknown, string | undefined, string>;
  rejections_not_stored: Generated<number>;
  rejections_expired_at: Date | null;
}

export interface ImportRejectionTable {
  job_id: number;
  row_number: number;
  column_name: string | null;
  reason: string;
  raw: Json;
}

export interface DataElementTable {
  code: string;
  name: string;
  unit: 'count' | 'percent' | 'money';
  source: 'derived' | 'reported';
  description: string;
  is_builtin: Generated<boolean>;
  /** A custom derived element's registry, measure and filters (domain/measures/derived-definition.ts). */
  definition: ColumnType<unknown, string | null, string | null> | null;
  owner_unit_id: number | null;
  version: Generated<number>;
  updated_at: Generated<Timestamp>;
  updated_by: Generated<string>;
}

export interface IndicatorTable {
  code: string;
  name: string;
  unit: 'count' | 'percent' | 'ratio' | 'money';
  numerator: string;
  denominator: string | null;
  description: string;
  keywords: string[];
  sector_group: 'state' | 'nonstate' | null;
  is_builtin: Generated<boolean>;
  owner_unit_id: number | null;
  version: Generated<number>;
  updated_at: Generated<Timestamp>;
  updated_by: Generated<string>;
}

export interface PlanDocumentTable {
  id: Generated<number>;
  kind: string;
  symbol: string | null;
  title: string;
  issuer_unit_id: number;
  issued_on: string | null;
  term_from: number | null;
  term_to: number | null;
  implements_id: number | null;
  file_id: number | null;
  created_at: Timestamp;
  /** 0008: an upload is 'review' until its targets are confirmed; hand-typed documents are 'confirmed'. */
  status: Generated<'review' | 'confirmed'>;
  issuer_text: string | null;
  place: string | null;
  signer_capacity: string | null;
  signer_title: string | null;
  signer_name: string | null;
  symbol_key: GeneratedAlways<string | null>;
  updated_at: Timestamp;
}

export interface DocumentReviewTable {
  document_id: number;
  format: 'docx' | 'pdf' | 'txt';
  text: string;
  warnings: string[];
  extraction: Json;
  decisions: Json;
  draft_metadata: Json;
  version: Generated<number>;
  saved_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DocumentLinkTable {
  id: Generated<number>;
  document_id: number;
  relation: 'implements' | 'cites' | 'replaces';
  symbol: string | null;
  symbol_key: GeneratedAlways<string | null>;
  referenced_on: string | null;
  linked_document_id: number | null;
  source: 'extracted' | 'manual';
  created_at: Timestamp;
}

/** What a target says — the terms a version holds, in `target` (today's) and `target_version`. */
export interface TargetTerms {
  indicator_code: string;
  comparator: '>' | '>=' | '=' | '<=' | '<';
  value: number;
  timing: 'deadline' | 'annual';
  deadline: string | null;
  annual_from: number | null;
  annual_to: number | null;
  baseline_value: number | null;
  baseline_date: string | null;
  sectors: string[] | null;
  min_workers: number | null;
  subject: string;
}

export interface TargetTable extends TargetTerms {
  id: Generated<number>;
  document_id: number;
  unit_id: number;
  quote: string | null;
  parent_target_id: number | null;
  created_at: Timestamp;
  /** Targets this one was combined from when their units merged (issue 7). */
  combined_from: ColumnType<number[] | null, number[] | null | undefined, number[] | null>;
  origin_note: ColumnType<string | null, string | null | undefined, string | null>;
  closed_on: ColumnType<string | null, string | null | undefined, string | null>;
  closed_reason: ColumnType<string | null, string | null | undefined, string | null>;
  succeeded_by_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** First day of the version held in this row (null: never revised); migration 0016. */
  revised_from: ColumnType<string | null, string | null | undefined, string | null>;
}

/** What a target said over [valid_from, valid_to), why and who (written from its first change; migration 0016). */
export interface TargetVersionTable extends TargetTerms {
  id: Generated<number>;
  target_id: number;
  version: number;
  change: 'original' | 'revised' | 'withdrawn';
  valid_from: string | null;
  valid_to: string | null;
  reason: string | null;
  actor_user_id: number | null;
  actor_token_id: number | null;
  actor_label: string | null;
  created_at: Timestamp;
}

export interface ReportedValueTable {
  unit_id: number;
  element_code: string;
  period_code: string;
  period_start: string;
  period_end: string;
  value: number;
  state: 'submitted' | 'accepted';
  updated_at: Timestamp;
}

/** A version of a report template; `definition` is domain/reporting's TemplateDefinition. */
export interface ReportTemplateTable {
  id: Generated<number>;
  code: string;
  version: number;
  name: string;
  definition: ColumnType<unknown, string, string>;
  is_current: Generated<boolean>;
  created_at: Generated<Timestamp>;
  created_by: Generated<string>;
  owner_unit_id: number | null;
  /** The first day of the first period this version applies to; NULL while a draft. */
  from_period_start: string | null;
  published_at: Timestamp | null;
  based_on: number | null;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  event_key: string;
  title: string;
  body: Generated<string>;
  link: string | null;
  unit_id: number | null;
  created_at: Generated<Timestamp>;
  read_at: Timestamp | null;
}

export interface NotificationDeliveryTable {
  id: Generated<number>;
  notification_id: number;
  channel: 'email';
  recipient: string;
  status: Generated<'pending' | 'sending' | 'sent' | 'dead' | 'digested'>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Timestamp>;
  last_error: string | null;
  sent_at: Timestamp | null;
  claimed_by: number | null;
  digest_id: number | null;
}

export interface NotificationTargetStatusTable {
  target_id: number;
  status: string;
  since: string;
}

export interface NotificationEmailModeTable {
  user_id: number;
  mode: 'immediate' | 'daily';
  updated_at: Generated<Timestamp>;
}

export interface NotificationPreferenceTable {
  user_id: number;
  kind: string;
  channel: 'in_app' | 'email';
  enabled: boolean;
}

export interface MeasureVersionTable {
  id: Generated<number>;
  kind: 'element' | 'indicator';
  code: string;
  version: number;
  snapshot: ColumnType<unknown, string, string>;
  changed_at: Generated<Timestamp>;
  changed_by: string;
  reason: string | null;
}

export interface ReportTable {
  id: Generated<number>;
  template_id: number;
  template_code: string;
  unit_id: number;
  period_code: string;
  period_start: string;
  period_end: string;
  due_on: string;
  status: Generated<'draft' | 'submitted' | 'returned' | 'accepted'>;
  values: ColumnType<Record<string, number | null>, string | undefined, string>;
  explanations: ColumnType<Record<string, string>, string | undefined, string>;
  version: Generated<number>;
  first_submitted_at: Timestamp | null;
  submitted_at: Timestamp | null;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  updated_at: Generated<Timestamp>;
  updated_by: string;
}

export interface ReportCommentTable {
  id: Generated<number>;
  report_id: number;
  kind: 'return' | 'reopen' | 'submit' | 'accept' | 'note';
  body: string;
  author_user_id: number | null;
  author_label: string;
  created_at: Generated<Timestamp>;
}

/** A unit's names with their dates (a rename closes one row and opens the next). */
export interface OrgUnitNameTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  valid_from: string;
  valid_to: string | null;
}

/** predecessor → successor from `effective_on` (merge, split, dissolve). */
export interface OrgSuccessionTable {
  id: Generated<number>;
  predecessor_id: number;
  successor_id: number;
  kind: 'merge' | 'split' | 'dissolve';
  effective_on: string;
  created_at: Generated<Timestamp>;
}

/** 0018: tasks (nhiệm vụ) of a programme, assigned down the tree, with statuses per period and evidence. */
export type TaskTimingKind = 'deadline' | 'year' | 'yearly' | 'quarterly' | 'ongoing';
export type TaskStatusCode = 'not_started' | 'in_progress' | 'done' | 'late' | 'dropped';

export interface TaskTable {
  id: Generated<number>;
  unit_id: number;
  title: string;
  document_id: number | null;
  source_section: string | null;
  source_quote: string | null;
  source_start: number | null;
  source_end: number | null;
  source_items: number[] | null;
  lead_unit_id: number | null;
  lead_name: string | null;
  timing_kind: TaskTimingKind;
  due_on: string | null;
  timing_year: number | null;
  withdrawn_at: Timestamp | null;
  withdrawn_reason: string | null;
  created_by_label: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface TaskPartnerTable {
  task_id: number;
  position: number;
  unit_id: number | null;
  name: string | null;
}

export interface TaskTargetTable {
  task_id: number;
  target_id: number;
}

export interface TaskAssignmentTable {
  id: Generated<number>;
  task_id: number;
  assignee_unit_id: number;
  parent_assignment_id: number | null;
  depth: number;
  path: string;
  starts_on: string;
  assigned_by_label: string;
  assigned_at: Generated<Date>;
  withdrawn_at: Timestamp | null;
  last_status: TaskStatusCode | null;
  last_status_period: string | null;
  last_status_at: Timestamp | null;
  settled_through: string | null;
}

export interface TaskStatusTable {
  id: Generated<number>;
  assignment_id: number;
  period_code: string;
  period_start: string;
  period_end: string;
  status: TaskStatusCode;
  comment: string | null;
  is_current: Generated<boolean>;
  report_id: number | null;
  report_state: 'submitted' | 'returned' | 'accepted' | null;
  set_by_user_id: number | null;
  set_by_label: string;
  set_at: Generated<Date>;
}

export interface TaskEvidenceTable {
  id: Generated<number>;
  status_id: number;
  file_id: number;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  uploaded_by_label: string;
  uploaded_at: Generated<Date>;
}

export interface DB {
  org_unit: OrgUnitTable;
  org_placement: OrgPlacementTable;
  org_unit_name: OrgUnitNameTable;
  org_succession: OrgSuccessionTable;
  role: RoleTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  audit_log: AuditLogTable;
  stored_file: StoredFileTable;
  employer: EmployerTable;
  grassroots_profile: GrassrootsProfileTable;
  member: MemberTable;
  membership: MembershipTable;
  agreement: AgreementTable;
  import_job: ImportJobTable;
  import_rejection: ImportRejectionTable;
  data_element: DataElementTable;
  indicator: IndicatorTable;
  plan_document: PlanDocumentTable;
  document_review: DocumentReviewTable;
  document_link: DocumentLinkTable;
  target: TargetTable;
  target_version: TargetVersionTable;
  reported_value: ReportedValueTable;
  report_template: ReportTemplateTable;
  measure_version: MeasureVersionTable;
  notification: NotificationTable;
  notification_delivery: NotificationDeliveryTable;
  notification_preference: NotificationPreferenceTable;
  notification_email_mode: NotificationEmailModeTable;
  notification_target_status: NotificationTargetStatusTable;
  report: ReportTable;
  report_comment: ReportCommentTable;
  task: TaskTable;
  task_partner: TaskPartnerTable;
  task_target: TaskTargetTable;
  task_assignment: TaskAssignmentTable;
  task_status: TaskStatusTable;
  task_evidence: TaskEvidenceTable;
}
