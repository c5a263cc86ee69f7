import { SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { UnitPicker } from '../../scenes/admin/unit-picker.field.tsx';
import { ChoiceFilter } from '../choice-filter.tsx';
import { ListTotal } from '../list-total.tsx';
import { ExportButton } from './export-button.tsx';
import { SECTOR_OPTIONS } from './registry-format.ts';
import { SceneFrame } from '../scene-header.tsx';

/**
 * The frame every registry list shares (Doanh nghiệp, Công đoàn cơ sở, Đoàn viên, Thỏa ước,
 * and the Quản trị lists Tài khoản, Nhật ký, Thư thông báo): title and one-line description with
 * the screen's buttons, an optional strip under them, then one card holding the filter bar and the
 * table; drawers and modals follow.
 */
export function RegistryListShell<F extends object>({
  testId,
  title,
  description,
  actions,
  above,
  filters,
  total,
  filtersClassName = 'registry-filters',
  table,
  children,
}: {
  testId: string;
  title: string;
  description: ReactNode;
  actions?: ReactNode;
  above?: ReactNode;
  filters: ReactNode;
  /** The end of the filter bar, the export of what the filter matches and its count (ExportWithTotal). */
  total?: ExportWithTotalProps<F>;
  /** The Quản trị pages keep their own filter-bar class (admin.css). */
  filtersClassName?: string;
  table: ReactNode;
  children?: ReactNode;
}) {
  return (
    <SceneFrame testId={testId} title={title} description={description} actions={actions}>
      {above}
      <Card>
        <Space wrap className={filtersClassName}>
          {filters}
          {total && <ExportWithTotal {...total} />}
        </Space>
        {table}
      </Card>
      {children}
    </SceneFrame>
  );
}

/** The free-text search at the head of a filter bar. */
export function SearchFilter({
  placeholder,
  value,
  onChange,
  width,
  testId,
}: {
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  width: number;
  testId: string;
}) {
  return (
    <Input
      allowClear
      prefix={<SearchOutlined />}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      style={{ width }}
      data-testid={testId}
    />
  );
}

/** "Nhập từ Excel" among a registry's buttons: opens its import screen (one for every registry). */
export function ImportButton({ path, testId }: { path: string; testId: string }) {
  const navigate = useNavigate();
  return (
    <Button icon={<UploadOutlined />} onClick={() => navigate(path)} data-testid={testId}>
      Nhập từ Excel
    </Button>
  );
}

/** A filter of the bar that may be cleared: `undefined` is "every …", left out of the query. */
interface FilterProps<T> {
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  testId?: string;
}

/** "Lọc theo đơn vị": the caller's subtree, cleared for every unit. */
export function UnitFilter({ value, onChange, testId }: FilterProps<number>) {
  return (
    <UnitPicker
      allowClear
      placeholder="Lọc theo đơn vị"
      value={value}
      onChange={onChange}
      className="registry-filter-unit"
      data-testid={testId}
    />
  );
}

/** "Khu vực": the employer sectors, cleared for every sector. */
export function SectorFilter({ value, onChange, testId }: FilterProps<string>) {
  return (
    <ChoiceFilter<string>
      placeholder="Khu vực"
      value={value}
      onChange={onChange}
      width={220}
      options={[...SECTOR_OPTIONS]}
      testId={testId}
    />
  );
}

/** A status filter whose "Mọi trạng thái" option (`all`) means no status at all in the filter. */
export function StatusFilter<S extends string>({
  value,
  onChange,
  options,
  testId,
}: FilterProps<S> & { options: { value: S | 'all'; label: string }[] }) {
  return (
    <Select
      value={value ?? 'all'}
      onChange={(v: string) => onChange(v === 'all' ? undefined : (v as S))}
      style={{ width: 170 }}
      data-testid={testId}
      options={options}
    />
  );
}

interface ExportWithTotalProps<F extends object> {
  filter: F;
  exportUrl: (format: 'xlsx' | 'csv', filter: F) => string;
  /** The API's list (`/api/<resource>`), also naming the export button's test id `<resource>-export`. */
  resource: string;
  noun: string;
}

/**
 * The end of a registry filter bar: the export of what the filter matches and how many rows that
 * is (counted without the sort, which does not change the count).
 */
function ExportWithTotal<F extends object>({ filter, exportUrl, resource, noun }: ExportWithTotalProps<F>) {
  return (
    <>
      <ExportButton urlFor={(format) => exportUrl(format, filter)} testId={`${resource}-export`} />
      <ListTotal resource={resource} path={`/api/${resource}`} filter={{ ...filter, sort: undefined }} noun={noun} />
    </>
  );
}

/** Rows that open their item (a drawer) when clicked, each row's test id `<testIdPrefix>-<id>`. */
export function openingRows<T extends { id: number }>(testIdPrefix: string, open: (id: number) => void) {
  return {
    rowClassName: 'registry-row',
    onRow: (row: T) => ({ onClick: () => open(row.id), 'data-testid': `${testIdPrefix}-${row.id}` }) as HTMLAttributes<HTMLElement>,
  };
}

/** A registry row's first cell: the name in bold, and under it, muted, what tells it apart. */
export function NameCell({ name, testId, children }: { name: ReactNode; testId?: string; children: ReactNode }) {
  return (
    <div>
      <div className="cell-strong" data-testid={testId}>
        {name}
      </div>
      <span className="cell-muted">{children}</span>
    </div>
  );
}
