import { sql, type Kysely } from 'kysely';

/**
 * What programmes commit to and how it is measured: data elements (derived from the registries
 * or reported by units), indicators (expressions over elements), plan documents, their targets
 * (with scope, timing, baseline and cascade), and reported values per unit and period.
 * The built-in catalogue is seeded here; administrators add their own rows.
 */

// Frozen on 2026-12-06 by scripts/freeze-migration.ts: the statements this migration ran on a
// fresh database, parameters written in. It imports no live code, so editing today's code never
// changes what it does. Never edit them; write a new migration.
const UP: string[] = [
  `
    CREATE TABLE data_element (
      code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,63}$'),
      name text NOT NULL,
      unit text NOT NULL CHECK (unit IN ('count', 'money')),
      source text NOT NULL CHECK (source IN ('derived', 'reported')),
      description text NOT NULL DEFAULT '',
      is_builtin boolean NOT NULL DEFAULT false
    )
  `,
  `
    CREATE TABLE indicator (
      code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,63}$'),
      name text NOT NULL,
      unit text NOT NULL CHECK (unit IN ('count', 'percent', 'ratio')),
      numerator text NOT NULL,
      denominator text,
      description text NOT NULL DEFAULT '',
      keywords text[] NOT NULL DEFAULT '{}',
      sector_group text CHECK (sector_group IN ('state', 'nonstate')),
      is_builtin boolean NOT NULL DEFAULT false
    )
  `,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('members_active', 'Đoàn viên đang sinh hoạt', 'count', 'derived', 'Số đoàn viên có quá trình sinh hoạt tại một CĐCS trong phạm vi vào ngày tính.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('members_women', 'Đoàn viên nữ', 'count', 'derived', 'Số đoàn viên nữ đang sinh hoạt vào ngày tính.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('members_new', 'Đoàn viên kết nạp mới', 'count', 'derived', 'Số đoàn viên được kết nạp trong kỳ.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('cdcs', 'Công đoàn cơ sở', 'count', 'derived', 'Số CĐCS đang hoạt động vào ngày tính (lọc theo khu vực nếu chỉ tiêu có).', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('cdcs_enterprise', 'CĐCS doanh nghiệp', 'count', 'derived', 'Số CĐCS thuộc doanh nghiệp (nhà nước, ngoài nhà nước, FDI).', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('upper_units', 'Công đoàn cấp trên trực tiếp cơ sở', 'count', 'derived', 'Số công đoàn xã, phường, khu công nghiệp, ngành địa phương trong phạm vi.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('employers', 'Doanh nghiệp, đơn vị sử dụng lao động', 'count', 'derived', 'Số đơn vị sử dụng lao động (từ N lao động trở lên nếu chỉ tiêu có ngưỡng).', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('employers_with_cdcs', 'Doanh nghiệp có CĐCS', 'count', 'derived', 'Số đơn vị sử dụng lao động (từ N lao động trở lên) đã có CĐCS.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('workers', 'Người lao động', 'count', 'derived', 'Tổng số lao động của các đơn vị sử dụng lao động trong phạm vi.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('workers_in_cdcs_employers', 'Lao động tại đơn vị có CĐCS', 'count', 'derived', 'Số lao động của các đơn vị đã có CĐCS.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('cdcs_with_agreement', 'CĐCS có thỏa ước còn hiệu lực', 'count', 'derived', 'Số CĐCS có thỏa ước lao động tập thể còn hiệu lực vào ngày tính.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('agreements_b_or_better', 'CĐCS có thỏa ước loại B trở lên', 'count', 'derived', 'Số CĐCS có thỏa ước còn hiệu lực xếp loại A hoặc B.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('agreements_better_than_law', 'CĐCS có thỏa ước có lợi hơn luật', 'count', 'derived', 'Số CĐCS có thỏa ước còn hiệu lực có nội dung có lợi hơn quy định của pháp luật.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('dissemination_reached', 'Đoàn viên, người lao động được tuyên truyền', 'count', 'reported', 'Số đoàn viên, NLĐ được tuyên truyền, phổ biến, học tập nghị quyết trong kỳ.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('dissemination_base', 'Đoàn viên, người lao động thuộc diện tuyên truyền', 'count', 'reported', 'Tổng số đoàn viên, NLĐ thuộc diện được tuyên truyền.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('skills_learners', 'Công nhân lao động học tập nâng cao trình độ', 'count', 'reported', 'Số CNLĐ tham gia học tập nâng cao trình độ, kỹ năng nghề trong kỳ.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('skills_base', 'Công nhân lao động tại doanh nghiệp', 'count', 'reported', 'Tổng số CNLĐ tại các doanh nghiệp thuộc diện.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('democracy_cdcs_state', 'CĐCS khu vực nhà nước tham gia quy chế dân chủ', 'count', 'reported', 'Số CĐCS HCSN, DNNN tham gia ban hành, thực hiện quy chế dân chủ ở cơ sở.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('democracy_cdcs_nonstate', 'CĐCS ngoài nhà nước tham gia quy chế dân chủ', 'count', 'reported', 'Số CĐCS doanh nghiệp ngoài nhà nước, FDI tham gia ban hành, thực hiện quy chế dân chủ.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('party_introduced', 'Đoàn viên ưu tú giới thiệu cho Đảng', 'count', 'reported', 'Số đoàn viên ưu tú được giới thiệu cho Đảng xem xét kết nạp trong kỳ.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('party_admitted', 'Đoàn viên được kết nạp Đảng', 'count', 'reported', 'Số đoàn viên được kết nạp vào Đảng trong kỳ.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('chairs_new', 'Chủ tịch CĐCS bầu mới', 'count', 'reported', 'Số chủ tịch CĐCS được bầu mới trong kỳ.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('chairs_new_trained', 'Chủ tịch CĐCS bầu mới được đào tạo', 'count', 'reported', 'Số chủ tịch CĐCS bầu mới được đào tạo, bồi dưỡng.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('rated_good_upper', 'Công đoàn cấp trên cơ sở hoàn thành tốt nhiệm vụ', 'count', 'reported', 'Số công đoàn cấp trên trực tiếp cơ sở xếp loại hoàn thành tốt nhiệm vụ trở lên.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('rated_good_cdcs_state', 'CĐCS khu vực nhà nước hoàn thành tốt nhiệm vụ', 'count', 'reported', 'Số CĐCS HCSN, DNNN xếp loại hoàn thành tốt nhiệm vụ trở lên.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('rated_good_cdcs_nonstate', 'CĐCS ngoài nhà nước hoàn thành tốt nhiệm vụ', 'count', 'reported', 'Số CĐCS ngoài nhà nước, FDI xếp loại hoàn thành tốt nhiệm vụ trở lên.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('women_committee_eligible', 'CĐCS đủ điều kiện thành lập ban nữ công', 'count', 'reported', 'Số CĐCS doanh nghiệp ngoài nhà nước đủ điều kiện thành lập ban nữ công quần chúng.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('women_committee_formed', 'CĐCS có ban nữ công quần chúng', 'count', 'reported', 'Số CĐCS đủ điều kiện đã thành lập ban nữ công quần chúng.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('fin_inspection_on_schedule', 'Công đoàn cấp trên cơ sở kiểm tra tài chính đúng tiến độ', 'count', 'reported', 'Số công đoàn cấp trên trực tiếp cơ sở thực hiện kiểm tra tài chính cùng cấp đúng tiến độ.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('cdcs_fin_inspected', 'CĐCS doanh nghiệp được kiểm tra tài chính', 'count', 'reported', 'Số CĐCS doanh nghiệp được công đoàn cấp trên kiểm tra, giám sát tài chính trong kỳ.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('lawsuits_requested', 'Vụ việc lao động khởi kiện có yêu cầu hỗ trợ', 'count', 'reported', 'Số vụ việc lao động khởi kiện tại tòa án mà đoàn viên, NLĐ đề nghị công đoàn hỗ trợ.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('lawsuits_supported', 'Vụ việc lao động được công đoàn hỗ trợ', 'count', 'reported', 'Số vụ việc lao động khởi kiện được công đoàn hỗ trợ.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('disputes', 'Tranh chấp lao động tập thể, ngừng việc tập thể', 'count', 'reported', 'Số vụ tranh chấp lao động tập thể, ngừng việc tập thể, đình công.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('disputes_with_union', 'Tranh chấp có công đoàn tham gia giải quyết', 'count', 'reported', 'Số vụ có công đoàn tham gia giải quyết.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('worker_conferences', 'Hội nghị người lao động', 'count', 'reported', 'Số hội nghị người lao động được tổ chức.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('workplace_dialogues', 'Đối thoại tại nơi làm việc', 'count', 'reported', 'Số cuộc đối thoại định kỳ tại nơi làm việc.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('union_homes', 'Mái ấm Công đoàn', 'count', 'reported', 'Số nhà Mái ấm Công đoàn xây mới, sửa chữa.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('union_homes_money', 'Kinh phí Mái ấm Công đoàn', 'money', 'reported', 'Số tiền hỗ trợ xây mới, sửa chữa Mái ấm Công đoàn.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('innovations', 'Sáng kiến, giải pháp', 'count', 'reported', 'Số sáng kiến, giải pháp của CNLĐ được công nhận.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('union_fee_due', 'Kinh phí công đoàn phải thu', 'money', 'reported', 'Kinh phí công đoàn (2% quỹ tiền lương đóng BHXH) phải thu trong kỳ.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('union_fee_collected', 'Kinh phí công đoàn đã thu', 'money', 'reported', 'Kinh phí công đoàn đã thu trong kỳ.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('dues_due', 'Đoàn phí phải thu', 'money', 'reported', 'Đoàn phí công đoàn phải thu trong kỳ.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES ('dues_collected', 'Đoàn phí đã thu', 'money', 'reported', 'Đoàn phí công đoàn đã thu trong kỳ.', true) ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('members', 'Số đoàn viên công đoàn', 'count', '#{members_active}', NULL, 'Đoàn viên đang sinh hoạt vào ngày tính.', '{"doan vien cong doan","doan vien","tong so doan vien"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('members_new', 'Số đoàn viên kết nạp mới', 'count', '#{members_new}', NULL, 'Đoàn viên kết nạp trong kỳ.', '{"ket nap moi","ket nap","phat trien doan vien","phat trien moi","phat trien them","doan vien moi","gia nhap cong doan","gia nhap to chuc cong doan"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('cdcs_new_count', 'Số công đoàn cơ sở', 'count', '#{cdcs}', NULL, 'CĐCS đang hoạt động.', '{"cong doan co so","nghiep doan co so","thanh lap moi cong doan co so","thanh lap cong doan co so"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('employers_with_cdcs_share', 'Tỷ lệ doanh nghiệp (từ N lao động) có CĐCS', 'percent', '100 * #{employers_with_cdcs}', '#{employers}', 'Doanh nghiệp có CĐCS trên tổng số doanh nghiệp cùng ngưỡng lao động.', '{"thanh lap cong doan co so","thanh lap moi cong doan co so","thanh lap duoc cong doan co so","da thanh lap cong doan co so","thanh lap cong doan","thanh lap to chuc cong doan","thanh lap duoc to chuc cong doan","co to chuc cong doan","co cong doan co so","co cong doan","da co cong doan co so","da co cong doan"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('workers_members_share', 'Tỷ lệ người lao động là đoàn viên', 'percent', '100 * #{members_active}', '#{workers}', 'Đoàn viên trên tổng số lao động.', '{"la doan vien","la doan vien cong doan","gia nhap cong doan","gia nhap to chuc cong doan","tham gia cong doan","tham gia to chuc cong doan","vao cong doan","vao to chuc cong doan"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('agreements_share', 'Tỷ lệ đơn vị có tổ chức công đoàn ký được thỏa ước', 'percent', '100 * #{cdcs_with_agreement}', '#{cdcs}', 'CĐCS có thỏa ước còn hiệu lực trên tổng số CĐCS.', '{"thoa uoc lao dong tap the","thoa uoc","ky ket thoa uoc","ky duoc thoa uoc","ky ket duoc thoa uoc"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('agreements_b_share', 'Tỷ lệ thỏa ước đạt loại B trở lên', 'percent', '100 * #{agreements_b_or_better}', '#{cdcs_with_agreement}', 'Thỏa ước loại A, B trên số thỏa ước còn hiệu lực.', '{"loai b tro len","loai b","loai a","chat luong thoa uoc","xep loai"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('agreements_better_share', 'Tỷ lệ thỏa ước có lợi hơn luật', 'percent', '100 * #{agreements_better_than_law}', '#{cdcs_with_agreement}', 'Thỏa ước có lợi hơn quy định pháp luật trên số thỏa ước còn hiệu lực.', '{"co loi hon","co loi hon cho nguoi lao dong","cao hon quy dinh cua phap luat"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('lawsuits_supported_share', 'Tỷ lệ vụ việc khởi kiện được công đoàn hỗ trợ', 'percent', '100 * #{lawsuits_supported}', '#{lawsuits_requested}', 'Vụ việc được hỗ trợ trên số vụ việc có yêu cầu.', '{"khoi kien","toa an","vu an lao dong","to tung"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('dissemination_share', 'Tỷ lệ đoàn viên, NLĐ được tuyên truyền, phổ biến', 'percent', '100 * #{dissemination_reached}', '#{dissemination_base}', 'Được tuyên truyền trên tổng số thuộc diện.', '{"tuyen truyen","pho bien","quan triet","hoc tap nghi quyet","hoc tap quan triet","tiep can thong tin","giao duc phap luat"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('skills_share', 'Tỷ lệ CNLĐ học tập nâng cao trình độ, kỹ năng nghề', 'percent', '100 * #{skills_learners}', '#{skills_base}', 'Tham gia học tập trên tổng số CNLĐ.', '{"nang cao trinh do","ky nang nghe","ky nang nghe nghiep","nang cao ky nang","tay nghe","trinh do chuyen mon","hoc nghe","dao tao nghe","dao tao lai"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('democracy_state_share', 'Tỷ lệ CĐCS khu vực nhà nước tham gia quy chế dân chủ', 'percent', '100 * #{democracy_cdcs_state}', '#{cdcs}', 'Trên số CĐCS HCSN, DNNN (chỉ tiêu theo khu vực nhà nước).', '{"quy che dan chu","dan chu o co so","dan chu co so","dan chu tai noi lam viec"}'::text[], 'state', true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('democracy_nonstate_share', 'Tỷ lệ CĐCS ngoài nhà nước tham gia quy chế dân chủ', 'percent', '100 * #{democracy_cdcs_nonstate}', '#{cdcs}', 'Trên số CĐCS doanh nghiệp ngoài nhà nước, FDI.', '{"quy che dan chu","dan chu o co so","dan chu co so","dan chu tai noi lam viec"}'::text[], 'nonstate', true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('party_introduced_per_cdcs', 'Đoàn viên ưu tú giới thiệu cho Đảng bình quân mỗi CĐCS', 'ratio', '#{party_introduced}', '#{cdcs}', 'Số giới thiệu trên số CĐCS.', '{"gioi thieu","cho dang","doan vien uu tu","ket nap dang"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('chairs_trained_share', 'Tỷ lệ chủ tịch CĐCS bầu mới được đào tạo', 'percent', '100 * #{chairs_new_trained}', '#{chairs_new}', 'Được đào tạo, bồi dưỡng trên số chủ tịch bầu mới.', '{"dao tao","boi duong","tap huan","bau moi","moi duoc bau","moi bau"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('rated_good_upper_share', 'Tỷ lệ công đoàn cấp trên cơ sở hoàn thành tốt nhiệm vụ', 'percent', '100 * #{rated_good_upper}', '#{upper_units}', 'Trên số công đoàn cấp trên trực tiếp cơ sở.', '{"hoan thanh tot nhiem vu","hoan thanh xuat sac nhiem vu","xep loai","dat loai","vung manh"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('rated_good_state_share', 'Tỷ lệ CĐCS khu vực nhà nước hoàn thành tốt nhiệm vụ', 'percent', '100 * #{rated_good_cdcs_state}', '#{cdcs}', 'Trên số CĐCS khu vực nhà nước.', '{"hoan thanh tot nhiem vu","hoan thanh xuat sac nhiem vu","xep loai","dat loai","vung manh"}'::text[], 'state', true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('rated_good_nonstate_share', 'Tỷ lệ CĐCS ngoài nhà nước hoàn thành tốt nhiệm vụ', 'percent', '100 * #{rated_good_cdcs_nonstate}', '#{cdcs}', 'Trên số CĐCS ngoài khu vực nhà nước.', '{"hoan thanh tot nhiem vu","hoan thanh xuat sac nhiem vu","xep loai","dat loai","vung manh"}'::text[], 'nonstate', true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('women_committee_share', 'Tỷ lệ CĐCS đủ điều kiện có ban nữ công quần chúng', 'percent', '100 * #{women_committee_formed}', '#{women_committee_eligible}', 'Đã thành lập trên số đủ điều kiện.', '{"ban nu cong","ban nu cong quan chung"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('fin_inspection_share', 'Tỷ lệ công đoàn cấp trên cơ sở kiểm tra tài chính đúng tiến độ', 'percent', '100 * #{fin_inspection_on_schedule}', '#{upper_units}', 'Trên số công đoàn cấp trên trực tiếp cơ sở.', '{"kiem tra tai chinh","kiem tra tai chinh cung cap","tu kiem tra tai chinh"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('cdcs_fin_inspected_share', 'Tỷ lệ CĐCS doanh nghiệp được kiểm tra tài chính', 'percent', '100 * #{cdcs_fin_inspected}', '#{cdcs_enterprise}', 'Trên số CĐCS doanh nghiệp.', '{"kiem tra tai chinh","giam sat tai chinh","kiem tra giam sat tai chinh","kiem tra cong tac tai chinh"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('disputes_with_union_share', 'Tỷ lệ tranh chấp có công đoàn tham gia', 'percent', '100 * #{disputes_with_union}', '#{disputes}', 'Trên số vụ tranh chấp, ngừng việc.', '{"tranh chap lao dong tap the","tranh chap","ngung viec","ngung viec tap the","dinh cong"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('union_fee_share', 'Tỷ lệ thu kinh phí công đoàn', 'percent', '100 * #{union_fee_collected}', '#{union_fee_due}', 'Đã thu trên phải thu.', '{"kinh phi cong doan","thu kinh phi cong doan"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('dues_share', 'Tỷ lệ thu đoàn phí', 'percent', '100 * #{dues_collected}', '#{dues_due}', 'Đã thu trên phải thu.', '{"doan phi","thu doan phi"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES ('union_homes', 'Số Mái ấm Công đoàn', 'count', '#{union_homes}', NULL, 'Nhà Mái ấm Công đoàn xây mới, sửa chữa.', '{"mai am cong doan","mai am"}'::text[], NULL, true)
              ON CONFLICT (code) DO NOTHING`,
  `UPDATE role SET permissions = '{"org.read","org.write","org.restructure","registry.read","registry.write","targets.read","targets.write","users.manage","tokens.manage","audit.read","reports.read","reports.submit","reports.review","reports.manage","measures.manage"}'::text[] WHERE code = 'system_admin' AND is_builtin`,
  `UPDATE role SET permissions = '{"org.read","org.write","org.restructure","registry.read","registry.write","targets.read","targets.write","reports.read","reports.submit","reports.review"}'::text[] WHERE code = 'union_staff' AND is_builtin`,
  `UPDATE role SET permissions = '{"org.read","registry.read","registry.write","targets.read","reports.read","reports.submit"}'::text[] WHERE code = 'grassroots_officer' AND is_builtin`,
  `UPDATE role SET permissions = '{"org.read","registry.read","targets.read","reports.read"}'::text[] WHERE code = 'viewer' AND is_builtin`,
  `UPDATE role SET permissions = '{"personal_data.view"}'::text[] WHERE code = 'personal_data_officer' AND is_builtin`,
  `
    CREATE TABLE plan_document (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL,
      symbol text,
      title text NOT NULL,
      issuer_unit_id bigint NOT NULL REFERENCES org_unit(id),
      issued_on date,
      term_from integer,
      term_to integer,
      implements_id bigint REFERENCES plan_document(id),
      file_id bigint REFERENCES stored_file(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (term_to IS NULL OR term_from IS NULL OR term_to >= term_from)
    )
  `,
  `CREATE INDEX plan_document_issuer ON plan_document (issuer_unit_id)`,
  `
    CREATE TABLE target (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      document_id bigint NOT NULL REFERENCES plan_document(id),
      -- The unit whose subtree the target is measured over.
      unit_id bigint NOT NULL REFERENCES org_unit(id),
      indicator_code text NOT NULL REFERENCES indicator(code),
      comparator text NOT NULL CHECK (comparator IN ('>', '>=', '=', '<=', '<')),
      value numeric NOT NULL,
      timing text NOT NULL CHECK (timing IN ('deadline', 'annual')),
      deadline date,
      annual_from integer,
      annual_to integer,
      baseline_value numeric,
      baseline_date date,
      -- Scope narrowing: sectors counted (null = all) and the employer-size threshold.
      sectors text[],
      min_workers integer CHECK (min_workers >= 0),
      subject text NOT NULL DEFAULT '',
      quote text,
      parent_target_id bigint REFERENCES target(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((timing = 'deadline') = (deadline IS NOT NULL)),
      CHECK ((timing = 'annual') = (annual_from IS NOT NULL AND annual_to IS NOT NULL)),
      CHECK ((baseline_value IS NULL) = (baseline_date IS NULL))
    )
  `,
  `CREATE INDEX target_unit ON target (unit_id)`,
  `CREATE INDEX target_document ON target (document_id)`,
  `CREATE INDEX target_parent ON target (parent_target_id)`,
  `
    CREATE TABLE reported_value (
      unit_id bigint NOT NULL REFERENCES org_unit(id),
      element_code text NOT NULL REFERENCES data_element(code),
      period_code text NOT NULL,
      period_start date NOT NULL,
      period_end date NOT NULL,
      value numeric NOT NULL CHECK (value >= 0),
      state text NOT NULL CHECK (state IN ('submitted', 'accepted')),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (unit_id, element_code, period_code)
    )
  `,
  `CREATE INDEX reported_value_period ON reported_value (element_code, period_code)`,
];

const DOWN: string[] = [
  `DROP TABLE IF EXISTS reported_value`,
  `DROP TABLE IF EXISTS target`,
  `DROP TABLE IF EXISTS plan_document`,
  `DROP TABLE IF EXISTS indicator`,
  `DROP TABLE IF EXISTS data_element`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
