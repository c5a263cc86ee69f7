import type { ImportRegistry } from '../../api/registry.api.ts';
import { memberKeys } from '../../api/members.api.ts';
import { registryKeys } from '../../api/registry.api.ts';

/**
 * What differs between the import screens of the four registries: wording, where the list is and
 * which cached lists to refresh. The columns themselves come from the server (import fields).
 */
export interface ImportScreen {
  registry: ImportRegistry;
  /** "Nhập doanh nghiệp từ Excel" */
  title: string;
  path: string;
  listPath: string;
  /** "Về danh sách doanh nghiệp" */
  backLabel: string;
  /** Where a dry run writes nothing: "sổ đoàn viên", "danh sách doanh nghiệp"… */
  listName: string;
  /** Tải tệp mẫu: the server's XLSX (header row, an example row, a notes sheet) saved under this name. */
  templateFileName: string;
  queryKey: readonly unknown[];
}

export const IMPORT_SCREENS: Record<ImportRegistry, ImportScreen> = {
  members: {
    registry: 'members',
    title: 'Nhập đoàn viên từ Excel',
    path: '/doan-vien/nhap',
    listPath: '/doan-vien',
    backLabel: 'Về danh sách đoàn viên',
    listName: 'sổ đoàn viên',
    templateFileName: 'mau-danh-sach-doan-vien.xlsx',
    queryKey: memberKeys.all,
  },
  employers: {
    registry: 'employers',
    title: 'Nhập doanh nghiệp từ Excel',
    path: '/doanh-nghiep/nhap',
    listPath: '/doanh-nghiep',
    backLabel: 'Về danh sách doanh nghiệp',
    listName: 'danh sách doanh nghiệp',
    templateFileName: 'mau-danh-sach-doanh-nghiep.xlsx',
    queryKey: registryKeys.employers,
  },
  grassroots: {
    registry: 'grassroots',
    title: 'Nhập công đoàn cơ sở từ Excel',
    path: '/cong-doan-co-so/nhap',
    listPath: '/cong-doan-co-so',
    backLabel: 'Về danh sách công đoàn cơ sở',
    listName: 'danh sách công đoàn cơ sở',
    templateFileName: 'mau-danh-sach-cong-doan-co-so.xlsx',
    queryKey: registryKeys.grassroots,
  },
  agreements: {
    registry: 'agreements',
    title: 'Nhập thỏa ước từ Excel',
    path: '/thoa-uoc/nhap',
    listPath: '/thoa-uoc',
    backLabel: 'Về danh sách thỏa ước',
    listName: 'danh sách thỏa ước',
    templateFileName: 'mau-danh-sach-thoa-uoc.xlsx',
    queryKey: registryKeys.agreements,
  },
};
