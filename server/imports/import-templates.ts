import { SECTOR_LABELS } from '../../domain/org/org-unit.ts';
import { templateWorkbook, type TemplateColumn } from '../tabular/template-workbook.ts';
import { IMPORTS, type ImportRegistry } from './import-registries.ts';

/**
 * Tải tệp mẫu: an XLSX per registry with the definition's own titles (so the file is always
 * recognised), one example row that a dry run accepts, and a notes sheet. Only the examples and
 * the how-to sentences live here; titles, required flags and synonyms come from the definition.
 */
interface ColumnHelp {
  example: string;
  howTo: string;
  text?: boolean;
}

const DATE = 'Ngày/tháng/năm, năm đủ 4 chữ số (dd/mm/yyyy).';
const SECTORS = `Một trong: ${Object.values(SECTOR_LABELS).join('; ')}.`;
const UNIT_CODE = 'Mã đơn vị như trong Cơ cấu tổ chức của Tiến Độ.';

const HELP: Record<ImportRegistry, Record<string, ColumnHelp>> = {
  members: {
    fullName: { example: 'Nguyễn Văn An', howTo: 'Họ và tên đầy đủ, có dấu.' },
    gender: { example: 'Nam', howTo: 'Nam hoặc Nữ.' },
    birthDate: { example: '15/03/1990', howTo: DATE },
    cccd: {
      example: '072090012345',
      howTo: 'Số căn cước công dân 12 chữ số (giữ số 0 ở đầu; cột đã để dạng văn bản). Khớp giới tính và năm sinh.',
      text: true,
    },
    phone: { example: '0912345678', howTo: 'Số di động 10 chữ số, có thể để trống.', text: true },
    ethnicity: { example: 'Kinh', howTo: 'Tên dân tộc, có thể để trống.' },
    cardNumber: { example: 'TNI-2024-000123', howTo: 'Số thẻ đoàn viên nếu đã cấp, có thể để trống.', text: true },
    joinedOn: { example: '01/06/2015', howTo: `${DATE} Không trước ngày đủ 15 tuổi, không sau hôm nay.` },
    cdcsCode: { example: 'TNI-P01-0001', howTo: `${UNIT_CODE} Bỏ trống được khi nhập vào chính một công đoàn cơ sở.`, text: true },
  },
  employers: {
    taxCode: { example: '3900123458', howTo: 'Mã số thuế 10 chữ số (hoặc 10 chữ số, dấu "-" và 3 chữ số của chi nhánh).', text: true },
    name: { example: 'Công ty TNHH May mặc Tân Ninh', howTo: 'Tên đơn vị sử dụng lao động.' },
    sector: { example: SECTOR_LABELS.private, howTo: SECTORS },
    industry: { example: 'Dệt may', howTo: 'Ngành nghề chính, có thể để trống.' },
    address: { example: '12 đường 30/4, phường Tân Ninh', howTo: 'Địa chỉ trụ sở, có thể để trống.' },
    communeName: { example: 'Phường Tân Ninh', howTo: 'Xã, phường nơi đặt trụ sở, có thể để trống.' },
    areaCode: { example: 'TNI-P01', howTo: `${UNIT_CODE} Công đoàn xã, phường hoặc khu công nghiệp quản lý đơn vị.`, text: true },
    cdcsCode: { example: '', howTo: `${UNIT_CODE} Công đoàn cơ sở của đơn vị nếu đã có, có thể để trống.`, text: true },
    workers: { example: '250', howTo: 'Số nguyên, không có dấu chấm phân cách (hoặc có: 1.250).' },
    womenWorkers: { example: '140', howTo: 'Số nguyên, không lớn hơn Số lao động.' },
    workersCountedOn: { example: '31/12/2025', howTo: `${DATE} Ngày của số lao động.` },
  },
  grassroots: {
    code: {
      example: 'TNI-P01-9001',
      howTo: 'Mã công đoàn cơ sở; mã đã có thì hồ sơ được cập nhật, mã mới thì tạo công đoàn cơ sở mới.',
      text: true,
    },
    name: { example: 'Công đoàn cơ sở Công ty TNHH May mặc Tân Ninh', howTo: 'Tên đầy đủ của công đoàn cơ sở.' },
    parentCode: {
      example: 'TNI-P01',
      howTo: `${UNIT_CODE} Công đoàn cấp trên trực tiếp; bỏ trống được khi nhập vào chính đơn vị đó.`,
      text: true,
    },
    sector: { example: SECTOR_LABELS.private, howTo: SECTORS },
    employerTaxCode: {
      example: '',
      howTo: 'Mã số thuế của doanh nghiệp nơi có công đoàn cơ sở (đã có trong danh sách doanh nghiệp), có thể để trống.',
      text: true,
    },
    foundingDecision: { example: '125/QĐ-CĐP', howTo: 'Số quyết định thành lập, có thể để trống.' },
    foundedOn: { example: '20/05/2019', howTo: `${DATE} Có thể để trống.` },
    chairName: { example: 'Trần Thị Bình', howTo: 'Họ tên chủ tịch công đoàn cơ sở, có thể để trống.' },
    chairPhone: { example: '0987654321', howTo: 'Số di động 10 chữ số, có thể để trống.', text: true },
    dissolvedOn: { example: '', howTo: `${DATE} Chỉ ghi khi công đoàn cơ sở đã giải thể.` },
  },
  agreements: {
    cdcsCode: { example: 'TNI-P01-0001', howTo: `${UNIT_CODE} Công đoàn cơ sở ký thỏa ước.`, text: true },
    taxCode: { example: '', howTo: 'Mã số thuế của doanh nghiệp ký (đã có trong danh sách doanh nghiệp), có thể để trống.', text: true },
    number: { example: '01/2025/TƯLĐTT', howTo: 'Số hiệu của thỏa ước, có thể để trống.' },
    kind: { example: 'Doanh nghiệp', howTo: 'Doanh nghiệp, Ngành hoặc Nhiều doanh nghiệp; để trống là Doanh nghiệp.' },
    signedOn: { example: '10/01/2025', howTo: DATE },
    effectiveFrom: { example: '15/01/2025', howTo: `${DATE} Không trước Ngày ký.` },
    expiresOn: { example: '14/01/2028', howTo: `${DATE} Thời hạn thỏa ước từ 1 đến 3 năm.` },
    qualityClass: { example: 'A', howTo: 'A, B, C hoặc D; có thể để trống.' },
    betterThanLaw: { example: 'Có', howTo: '"Có" (hoặc "x") nếu có điều khoản có lợi hơn luật; để trống là Không.' },
  },
};

export const TEMPLATE_FILE_NAMES: Record<ImportRegistry, string> = {
  members: 'mau-danh-sach-doan-vien.xlsx',
  employers: 'mau-danh-sach-doanh-nghiep.xlsx',
  grassroots: 'mau-danh-sach-cong-doan-co-so.xlsx',
  agreements: 'mau-danh-sach-thoa-uoc.xlsx',
};

export function importTemplateColumns(registry: ImportRegistry): TemplateColumn[] {
  return IMPORTS[registry].fields.map((field) => {
    const help = HELP[registry][field.key];
    if (!help) throw new Error(`No template help for ${registry}.${field.key}`);
    return {
      title: field.label,
      required: field.required ?? false,
      example: help.example,
      howTo: help.howTo,
      synonyms: field.synonyms,
      text: help.text,
    };
  });
}

export async function importTemplate(registry: ImportRegistry): Promise<{ fileName: string; content: Buffer }> {
  const definition = IMPORTS[registry];
  const content = await templateWorkbook({
    sheetName: 'Danh sách',
    columns: importTemplateColumns(registry),
    notes: [
      `Mẫu nhập danh sách ${definition.noun} vào Tiến Độ.`,
      'Trang "Danh sách": giữ nguyên dòng tiêu đề; dòng 2 là ví dụ, hãy xóa hoặc ghi đè trước khi nhập. Mỗi dòng tiếp theo là một ' +
        `${definition.noun}.`,
      'Cột tô vàng là bắt buộc. Có thể thêm cột khác (bị bỏ qua) và đổi thứ tự cột; tiêu đề được nhận ra cả khi viết không dấu.',
      definition.unitHint,
      definition.identity,
      'Luôn bấm Chạy thử trước: không có gì được ghi, và mỗi dòng bị từ chối được nêu rõ dòng, cột và lý do.',
    ],
  });
  return { fileName: TEMPLATE_FILE_NAMES[registry], content };
}
