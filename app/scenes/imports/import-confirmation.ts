import { formatCount, type ImportCounts } from '../../components/registry/registry-format.ts';

export interface ImportConfirmation {
  title: string;
  content: string;
}

export interface ImportConfirmationInput {
  /** The dry run's counts: the real run reads the same file against the same data. */
  dryRun: ImportCounts & { fileName: string };
  /** What a row is: "đoàn viên", "công đoàn cơ sở"… */
  noun: string;
  /** Where it is written: "sổ đoàn viên", "danh sách doanh nghiệp"… */
  listName: string;
  unitName: string;
}

/**
 * The question asked before "Nhập chính thức": which list of which unit, from which file, how many
 * rows get written and how many are left out. Writing is immediate and has no undo (a wrong file
 * means correcting records one by one), so the officer confirms the dry run's figures.
 */
export function importConfirmation({ dryRun, noun, listName, unitName }: ImportConfirmationInput): ImportConfirmation {
  const written = dryRun.inserted + dryRun.updated;
  const title = `Nhập chính thức ${formatCount(written)} ${noun} từ tệp ${dryRun.fileName} vào ${listName} của ${unitName}?`;
  const parts = [
    `Theo kết quả chạy thử: thêm mới ${formatCount(dryRun.inserted)}, cập nhật ${formatCount(dryRun.updated)}, giữ nguyên ${formatCount(dryRun.unchanged)}.`,
  ];
  if (dryRun.updated > 0) parts.push(`${formatCount(dryRun.updated)} bản ghi đã có sẽ được thay bằng thông tin trong tệp.`);
  if (dryRun.rejected > 0)
    parts.push(`${formatCount(dryRun.rejected)} dòng bị từ chối sẽ không được nhập; tải các dòng này về để sửa rồi nhập lại.`);
  parts.push(`Dữ liệu được ghi ngay vào ${listName}.`);
  return { title, content: parts.join(' ') };
}
