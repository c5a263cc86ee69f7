import { DeleteOutlined, EditOutlined, HistoryOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Input, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import type { ElementItem } from '../../api/measures.api.ts';
import { IconAction } from '../../components/icon-action.tsx';
import { confirmMeasureDelete, UsagePopover } from './measure-usage.popover.tsx';
import { ownerLabel, unitLabel } from './measures.model.ts';

export type MeasureKind = 'element' | 'indicator';

/** What one row of either list carries (an element or an indicator). */
export type MeasureRow = Pick<ElementItem, 'code' | 'name' | 'builtin' | 'owner' | 'usedBy' | 'canEdit'> & { unit: string };

/** The sentences each list says, written out whole so that each reads as the user reads it. */
const WORDS = {
  element: {
    title: 'Thành phần',
    create: 'Thêm thành phần',
    total: 'thành phần',
    noMatch: (search: string) => `Không có thành phần nào khớp “${search}”.`,
    empty: 'Chưa có thành phần số liệu nào.',
    deleted: (name: string) => `Đã xóa thành phần «${name}».`,
    notOwned: 'Thành phần của đơn vị cấp trên hoặc danh mục chung: chỉ đơn vị sở hữu được sửa.',
  },
  indicator: {
    title: 'Chỉ số',
    create: 'Thêm chỉ số',
    total: 'chỉ số',
    noMatch: (search: string) => `Không có chỉ số nào khớp “${search}”.`,
    empty: 'Chưa có chỉ số nào.',
    deleted: (name: string) => `Đã xóa chỉ số «${name}».`,
    notOwned: 'Chỉ số của đơn vị cấp trên hoặc danh mục chung: chỉ đơn vị sở hữu được sửa.',
  },
} as const;

/** "thành phần", "chỉ số": the kind as a sentence names it. */
export const measureNoun = (kind: MeasureKind) => WORDS[kind].total;

/** The search box and, for a manager, the create button above either list. */
export function MeasureToolbar({
  kind,
  search,
  onSearch,
  canManage,
  onCreate,
}: {
  kind: MeasureKind;
  search: string;
  onSearch: (search: string) => void;
  canManage: boolean;
  onCreate: () => void;
}) {
  return (
    <div className="measure-toolbar">
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder="Tìm theo tên hoặc mã (không cần dấu)"
        value={search}
        onChange={(e) => onSearch(e.target.value)}
        className="measure-search"
        data-testid={`${kind}s-search`}
      />
      {canManage && (
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid={`${kind}-create`}>
          {WORDS[kind].create}
        </Button>
      )}
    </div>
  );
}

export interface MeasureTableProps<T> {
  kind: MeasureKind;
  items: T[];
  loading: boolean;
  error: unknown;
  search: string;
  detail: (row: T) => ReactNode;
  extraColumns?: TableColumnsType<T>;
  canManage: boolean;
  onHistory: (row: T) => void;
  onEdit: (row: T) => void;
  remove: (code: string) => Promise<unknown>;
  onDeleted: () => void;
}

/**
 * The table of elements or of indicators: name and code (with `detail` under them), unit,
 * `extraColumns`, owner, where it is used, and history, edit and delete for those who may.
 */
export function MeasureTable<T extends MeasureRow>({
  kind,
  items,
  loading,
  error,
  search,
  detail,
  extraColumns = [],
  canManage,
  onHistory,
  onEdit,
  remove,
  onDeleted,
}: MeasureTableProps<T>) {
  const { modal, message } = App.useApp();
  const words = WORDS[kind];
  const confirmDelete = (row: T) =>
    confirmMeasureDelete(
      modal,
      { kind, name: row.name },
      () => remove(row.code),
      () => {
        onDeleted();
        void message.success(words.deleted(row.name));
      },
    );
  const columns: TableColumnsType<T> = [
    {
      title: words.title,
      key: 'name',
      render: (_, row) => (
        <div className="measure-name-cell">
          <div className="cell-strong">
            {row.name} {row.builtin && <Tag className="measure-tag">Có sẵn</Tag>}
          </div>
          <Typography.Text type="secondary" className="cell-nowrap measure-code">
            {row.code}
          </Typography.Text>
          {detail(row)}
        </div>
      ),
    },
    { title: 'Đơn vị tính', key: 'unit', render: (_, row) => <span className="cell-nowrap">{unitLabel(row.unit)}</span> },
    ...extraColumns,
    { title: 'Đơn vị sở hữu', key: 'owner', render: (_, row) => <div className="cell-unit">{ownerLabel(row.owner)}</div> },
    { title: 'Đang dùng ở', key: 'usedBy', render: (_, row) => <UsagePopover usedBy={row.usedBy} testId={`${kind}-usage-${row.code}`} /> },
    {
      title: 'Thao tác',
      key: 'actions',
      width: canManage ? 132 : 56,
      render: (_: unknown, row: T) => (
        <Space size={0}>
          <IconAction
            label="Lịch sử thay đổi"
            icon={<HistoryOutlined />}
            onClick={() => onHistory(row)}
            testId={`${kind}-history-${row.code}`}
          />
          {canManage &&
            (row.canEdit ? (
              <>
                <IconAction label="Sửa" icon={<EditOutlined />} onClick={() => onEdit(row)} testId={`${kind}-edit-${row.code}`} />
                <IconAction
                  label="Xóa"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => confirmDelete(row)}
                  testId={`${kind}-delete-${row.code}`}
                />
              </>
            ) : (
              <Tooltip title={words.notOwned}>
                <Button type="text" icon={<EditOutlined />} aria-label="Chỉ xem" disabled />
              </Tooltip>
            ))}
        </Space>
      ),
    },
  ];
  return (
    <Table<T>
      rowKey="code"
      size="middle"
      scroll={{ x: 'max-content' }}
      loading={loading}
      dataSource={items}
      pagination={{
        pageSize: 20,
        showSizeChanger: false,
        hideOnSinglePage: true,
        showTotal: (total) => `${total.toLocaleString('vi-VN')} ${words.total}`,
      }}
      locale={{ emptyText: error ? errorMessage(error) : search ? words.noMatch(search) : words.empty }}
      onRow={(row) => ({ 'data-testid': `${kind}-row-${row.code}` }) as React.HTMLAttributes<HTMLElement>}
      columns={columns}
    />
  );
}
