import { sql, type Kysely } from 'kysely';

/**
 * Periodic reporting: versioned report templates (the definition, rules included, is a JSON
 * document per version; reports point at the version they were made with), one report per
 * template, unit and period with its workflow status and an optimistic-concurrency version,
 * and the comment thread (return and reopen reasons, notes on resubmission).
 */

// Frozen on 2026-12-06 by scripts/freeze-migration.ts: the statements this migration ran on a
// fresh database, parameters written in. It imports no live code, so editing today's code never
// changes what it does. Never edit them; write a new migration.
const UP: string[] = [
  `
    CREATE TABLE report_template (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
      version integer NOT NULL CHECK (version > 0),
      name text NOT NULL,
      definition jsonb NOT NULL,
      is_current boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text NOT NULL DEFAULT 'hệ thống',
      UNIQUE (code, version)
    )
  `,
  `CREATE UNIQUE INDEX report_template_current ON report_template (code) WHERE is_current`,
  `
    CREATE TABLE report (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      template_id bigint NOT NULL REFERENCES report_template(id),
      template_code text NOT NULL,
      unit_id bigint NOT NULL REFERENCES org_unit(id),
      period_code text NOT NULL,
      period_start date NOT NULL,
      period_end date NOT NULL,
      due_on date NOT NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
      "values" jsonb NOT NULL DEFAULT '{}',
      explanations jsonb NOT NULL DEFAULT '{}',
      -- Optimistic concurrency: every write names the version it started from.
      version integer NOT NULL DEFAULT 1,
      first_submitted_at timestamptz,
      submitted_at timestamptz,
      reviewed_at timestamptz,
      reviewed_by text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text NOT NULL,
      UNIQUE (template_code, unit_id, period_code)
    )
  `,
  `CREATE INDEX report_period_status ON report (template_code, period_code, status)`,
  `CREATE INDEX report_unit ON report (unit_id)`,
  `
    CREATE TABLE report_comment (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      report_id bigint NOT NULL REFERENCES report(id),
      kind text NOT NULL CHECK (kind IN ('return', 'reopen', 'submit', 'accept', 'note')),
      body text NOT NULL,
      author_user_id bigint REFERENCES app_user(id),
      author_label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `,
  `CREATE INDEX report_comment_report ON report_comment (report_id, id)`,
  `INSERT INTO report_template (code, version, name, definition) VALUES ('cdcs-nam', 1, 'Báo cáo tổng kết năm của công đoàn cơ sở', '{"code":"cdcs-nam","name":"Báo cáo tổng kết năm của công đoàn cơ sở","unitKinds":["grassroots"],"periodKind":"year","calendar":{"halfCutoff":"05-31","yearCutoff":"11-30"},"opensBeforeEndDays":45,"deadlineDays":15,"sections":[{"title":"I. Tuyên truyền, học tập","fields":[{"element":"dissemination_reached","label":"Đoàn viên, NLĐ được tuyên truyền, phổ biến nghị quyết","hint":"người"},{"element":"dissemination_base","label":"Đoàn viên, NLĐ thuộc diện tuyên truyền","hint":"người"},{"element":"skills_learners","label":"CNLĐ học tập nâng cao trình độ, kỹ năng nghề","hint":"người"},{"element":"skills_base","label":"Tổng số CNLĐ tại đơn vị","hint":"người"}]},{"title":"II. Xây dựng Đảng","fields":[{"element":"party_introduced","label":"Đoàn viên ưu tú giới thiệu cho Đảng","hint":"người"},{"element":"party_admitted","label":"Đoàn viên được kết nạp Đảng","hint":"người"}]},{"title":"III. Đại diện, bảo vệ quyền lợi","fields":[{"element":"worker_conferences","label":"Hội nghị người lao động đã tổ chức","hint":"hội nghị"},{"element":"workplace_dialogues","label":"Đối thoại định kỳ tại nơi làm việc","hint":"cuộc"},{"element":"lawsuits_requested","label":"Vụ việc khởi kiện có yêu cầu công đoàn hỗ trợ","hint":"vụ"},{"element":"lawsuits_supported","label":"Vụ việc được công đoàn hỗ trợ","hint":"vụ"},{"element":"disputes","label":"Tranh chấp lao động tập thể, ngừng việc tập thể","hint":"vụ"},{"element":"disputes_with_union","label":"Tranh chấp có công đoàn tham gia giải quyết","hint":"vụ"},{"element":"innovations","label":"Sáng kiến, giải pháp của CNLĐ được công nhận","hint":"sáng kiến"}]},{"title":"IV. Tài chính công đoàn","fields":[{"element":"union_fee_due","label":"Kinh phí công đoàn phải thu","hint":"đồng"},{"element":"union_fee_collected","label":"Kinh phí công đoàn đã thu","hint":"đồng"},{"element":"dues_due","label":"Đoàn phí phải thu","hint":"đồng"},{"element":"dues_collected","label":"Đoàn phí đã thu","hint":"đồng"}]}],"rules":[{"id":"bat-buoc","kind":"required","elements":["dissemination_reached","dissemination_base","union_fee_due","union_fee_collected","dues_due","dues_collected"]},{"id":"tuyen-truyen","kind":"part_of","part":"dissemination_reached","whole":"dissemination_base"},{"id":"hoc-tap","kind":"part_of","part":"skills_learners","whole":"skills_base"},{"id":"khoi-kien","kind":"ratio","numerator":"lawsuits_supported","denominator":"lawsuits_requested"},{"id":"tranh-chap","kind":"ratio","numerator":"disputes_with_union","denominator":"disputes"},{"id":"bien-dong","kind":"jump","elements":["dissemination_base","skills_base","union_fee_due","dues_due"],"maxShare":0.5}]}'::jsonb)`,
  `INSERT INTO report_template (code, version, name, definition) VALUES ('cdcs-6-thang', 1, 'Báo cáo sơ kết 6 tháng của công đoàn cơ sở', '{"code":"cdcs-6-thang","name":"Báo cáo sơ kết 6 tháng của công đoàn cơ sở","unitKinds":["grassroots"],"periodKind":"half","calendar":{"halfCutoff":"05-31","yearCutoff":"11-30"},"opensBeforeEndDays":30,"deadlineDays":15,"sections":[{"title":"I. Tuyên truyền, học tập","fields":[{"element":"dissemination_reached","label":"Đoàn viên, NLĐ được tuyên truyền, phổ biến nghị quyết","hint":"người"},{"element":"dissemination_base","label":"Đoàn viên, NLĐ thuộc diện tuyên truyền","hint":"người"},{"element":"skills_learners","label":"CNLĐ học tập nâng cao trình độ, kỹ năng nghề","hint":"người"},{"element":"skills_base","label":"Tổng số CNLĐ tại đơn vị","hint":"người"}]},{"title":"II. Xây dựng Đảng","fields":[{"element":"party_introduced","label":"Đoàn viên ưu tú giới thiệu cho Đảng","hint":"người"},{"element":"party_admitted","label":"Đoàn viên được kết nạp Đảng","hint":"người"}]},{"title":"III. Đại diện, bảo vệ quyền lợi","fields":[{"element":"worker_conferences","label":"Hội nghị người lao động đã tổ chức","hint":"hội nghị"},{"element":"workplace_dialogues","label":"Đối thoại định kỳ tại nơi làm việc","hint":"cuộc"},{"element":"lawsuits_requested","label":"Vụ việc khởi kiện có yêu cầu công đoàn hỗ trợ","hint":"vụ"},{"element":"lawsuits_supported","label":"Vụ việc được công đoàn hỗ trợ","hint":"vụ"},{"element":"disputes","label":"Tranh chấp lao động tập thể, ngừng việc tập thể","hint":"vụ"},{"element":"disputes_with_union","label":"Tranh chấp có công đoàn tham gia giải quyết","hint":"vụ"},{"element":"innovations","label":"Sáng kiến, giải pháp của CNLĐ được công nhận","hint":"sáng kiến"}]},{"title":"IV. Tài chính công đoàn","fields":[{"element":"union_fee_due","label":"Kinh phí công đoàn phải thu","hint":"đồng"},{"element":"union_fee_collected","label":"Kinh phí công đoàn đã thu","hint":"đồng"},{"element":"dues_due","label":"Đoàn phí phải thu","hint":"đồng"},{"element":"dues_collected","label":"Đoàn phí đã thu","hint":"đồng"}]}],"rules":[{"id":"bat-buoc","kind":"required","elements":["dissemination_reached","dissemination_base","union_fee_due","union_fee_collected","dues_due","dues_collected"]},{"id":"tuyen-truyen","kind":"part_of","part":"dissemination_reached","whole":"dissemination_base"},{"id":"hoc-tap","kind":"part_of","part":"skills_learners","whole":"skills_base"},{"id":"khoi-kien","kind":"ratio","numerator":"lawsuits_supported","denominator":"lawsuits_requested"},{"id":"tranh-chap","kind":"ratio","numerator":"disputes_with_union","denominator":"disputes"},{"id":"bien-dong","kind":"jump","elements":["dissemination_base","skills_base","union_fee_due","dues_due"],"maxShare":0.5}]}'::jsonb)`,
  `INSERT INTO report_template (code, version, name, definition) VALUES ('cap-tren-co-so-nam', 1, 'Báo cáo năm của công đoàn cấp trên trực tiếp cơ sở', '{"code":"cap-tren-co-so-nam","name":"Báo cáo năm của công đoàn cấp trên trực tiếp cơ sở","unitKinds":["commune","industrial_zone","local_sector","district"],"periodKind":"year","calendar":{"halfCutoff":"05-31","yearCutoff":"11-30"},"opensBeforeEndDays":45,"deadlineDays":20,"sections":[{"title":"I. Công đoàn cơ sở trực thuộc","fields":[{"element":"democracy_cdcs_state","label":"CĐCS khu vực nhà nước tham gia quy chế dân chủ","hint":"CĐCS"},{"element":"democracy_cdcs_nonstate","label":"CĐCS ngoài nhà nước tham gia quy chế dân chủ","hint":"CĐCS"},{"element":"women_committee_eligible","label":"CĐCS đủ điều kiện thành lập ban nữ công","hint":"CĐCS"},{"element":"women_committee_formed","label":"CĐCS đã có ban nữ công quần chúng","hint":"CĐCS"},{"element":"rated_good_cdcs_state","label":"CĐCS khu vực nhà nước hoàn thành tốt nhiệm vụ trở lên","hint":"CĐCS"},{"element":"rated_good_cdcs_nonstate","label":"CĐCS ngoài nhà nước hoàn thành tốt nhiệm vụ trở lên","hint":"CĐCS"},{"element":"cdcs_fin_inspected","label":"CĐCS doanh nghiệp được kiểm tra tài chính","hint":"CĐCS"}]},{"title":"II. Cán bộ công đoàn cơ sở","fields":[{"element":"chairs_new","label":"Chủ tịch CĐCS bầu mới","hint":"người"},{"element":"chairs_new_trained","label":"Chủ tịch CĐCS bầu mới được đào tạo, bồi dưỡng","hint":"người"}]}],"rules":[{"id":"bat-buoc","kind":"required","elements":["rated_good_cdcs_state","rated_good_cdcs_nonstate"]},{"id":"nu-cong","kind":"part_of","part":"women_committee_formed","whole":"women_committee_eligible"},{"id":"chu-tich","kind":"part_of","part":"chairs_new_trained","whole":"chairs_new"},{"id":"bien-dong","kind":"jump","elements":["women_committee_eligible"],"maxShare":0.5}]}'::jsonb)`,
  `INSERT INTO report_template (code, version, name, definition) VALUES ('tinh-nam', 1, 'Báo cáo năm của Liên đoàn Lao động tỉnh, thành phố', '{"code":"tinh-nam","name":"Báo cáo năm của Liên đoàn Lao động tỉnh, thành phố","unitKinds":["province","central_sector","corporation"],"periodKind":"year","calendar":{"halfCutoff":"05-31","yearCutoff":"11-30"},"opensBeforeEndDays":45,"deadlineDays":30,"sections":[{"title":"I. Công đoàn cấp trên trực tiếp cơ sở","fields":[{"element":"rated_good_upper","label":"Công đoàn cấp trên cơ sở hoàn thành tốt nhiệm vụ trở lên","hint":"đơn vị"},{"element":"fin_inspection_on_schedule","label":"Công đoàn cấp trên cơ sở kiểm tra tài chính cùng cấp đúng tiến độ","hint":"đơn vị"}]},{"title":"II. Chăm lo đoàn viên","fields":[{"element":"union_homes","label":"Mái ấm Công đoàn xây mới, sửa chữa","hint":"nhà"},{"element":"union_homes_money","label":"Kinh phí hỗ trợ Mái ấm Công đoàn","hint":"đồng"}]}],"rules":[{"id":"bat-buoc","kind":"required","elements":["rated_good_upper","fin_inspection_on_schedule"]},{"id":"bien-dong","kind":"jump","elements":["union_homes_money"],"maxShare":1}]}'::jsonb)`,
  `UPDATE role SET permissions = '{"org.read","org.write","org.restructure","registry.read","registry.write","targets.read","targets.write","users.manage","tokens.manage","audit.read","reports.read","reports.submit","reports.review","reports.manage","measures.manage"}'::text[] WHERE code = 'system_admin' AND is_builtin`,
  `UPDATE role SET permissions = '{"org.read","org.write","org.restructure","registry.read","registry.write","targets.read","targets.write","reports.read","reports.submit","reports.review"}'::text[] WHERE code = 'union_staff' AND is_builtin`,
  `UPDATE role SET permissions = '{"org.read","registry.read","registry.write","targets.read","reports.read","reports.submit"}'::text[] WHERE code = 'grassroots_officer' AND is_builtin`,
  `UPDATE role SET permissions = '{"org.read","registry.read","targets.read","reports.read"}'::text[] WHERE code = 'viewer' AND is_builtin`,
  `UPDATE role SET permissions = '{"personal_data.view"}'::text[] WHERE code = 'personal_data_officer' AND is_builtin`,
];

const DOWN: string[] = [`DROP TABLE IF EXISTS report_comment`, `DROP TABLE IF EXISTS report`, `DROP TABLE IF EXISTS report_template`];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
