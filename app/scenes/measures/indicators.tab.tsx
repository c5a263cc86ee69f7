import { DeleteOutlined, EditOutlined, HistoryOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { deleteIndicator, elementsQuery, indicatorsQuery, measureKeys, type IndicatorItem } from '../../api/measures.api.ts';
import { readableExpression } from './indicator-form.model.ts';
import { IndicatorFormModal } from './indicator-form.modal.tsx';
import { MeasureHistoryModal } from './measure-history.modal.tsx';
import { confirmMeasureDelete, UsagePopover } from './measure-usage.popover.tsx';
import { listOrder, matchesQuery, ownerLabel, unitLabel } from './measures.model.ts';

/** Chỉ số: the indicators the caller sees, each with its formula in names, and the builder. */
export function IndicatorsTab({ canManage, owner }: { canManage: boolean; owner: { id: number; name: string } | undefined }) {
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const indicators = useQuery(indicatorsQuery());
  const elements = useQuery(elementsQuery());
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<IndicatorItem | null | undefined>(undefined);
  const [history, setHistory] = useState<IndicatorItem>();
  const items = listOrder(indicators.data?.items ?? []).filter((i) => matchesQuery(search, i.name, i.code));
  const nameOf = (code: string) =>
    elements.data?.items.find((e) => e.code === code)?.name ?? indicators.data?.items.find((i) => i.code === code)?.name;
  const refresh = () => queryClient.invalidateQueries({ queryKey: measureKeys.all });

  return (
    <>
      <div className="measure-toolbar">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder="Tìm theo tên hoặc mã (không cần dấu)"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="measure-search"
          data-testid="indicators-search"
        />
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="indicator-create">
            Thêm chỉ số
          </Button>
        )}
      </div>
      <Table<IndicatorItem>
        rowKey="code"
        size="middle"
        scroll={{ x: 'max-content' }}
        loading={indicators.isFetching}
        dataSource={items}
        pagination={{
          pageSize: 20,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (total) => `${total.toLocaleString('vi-VN')} chỉ số`,
        }}
        locale={{
          emptyText: indicators.isError
            ? errorMessage(indicators.error)
            : search
              ? `Không có chỉ số nào khớp “${search}”.`
              : 'Chưa có chỉ số nào.',
        }}
        onRow={(i) => ({ 'data-testid': `indicator-row-${i.code}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: 'Chỉ số',
            key: 'name',
            render: (_, i) => (
              <div className="measure-name-cell">
                <div className="cell-strong">
                  {i.name} {i.builtin && <Tag className="measure-tag">Có sẵn</Tag>}
                </div>
                <Typography.Text type="secondary" className="cell-nowrap measure-code">
                  {i.code}
                </Typography.Text>
                <div className="cell-muted measure-formula">
                  {readableExpression(i.numerator, nameOf)}
                  {i.denominator && <> ÷ {readableExpression(i.denominator, nameOf)}</>}
                </div>
              </div>
            ),
          },
          { title: 'Đơn vị tính', key: 'unit', render: (_, i) => <span className="cell-nowrap">{unitLabel(i.unit)}</span> },
          { title: 'Đơn vị sở hữu', key: 'owner', render: (_, i) => <div className="cell-unit">{ownerLabel(i.owner)}</div> },
          {
            title: 'Đang dùng ở',
            key: 'usedBy',
            render: (_, i) => <UsagePopover usedBy={i.usedBy} testId={`indicator-usage-${i.code}`} />,
          },
          {
            title: 'Thao tác',
            key: 'actions',
            width: canManage ? 132 : 56,
            render: (_: unknown, i: IndicatorItem) => (
              <Space size={0}>
                <Tooltip title="Lịch sử thay đổi">
                  <Button
                    type="text"
                    icon={<HistoryOutlined />}
                    aria-label="Lịch sử thay đổi"
                    onClick={() => setHistory(i)}
                    data-testid={`indicator-history-${i.code}`}
                  />
                </Tooltip>
                {canManage &&
                  (i.canEdit ? (
                    <>
                      <Tooltip title="Sửa">
                        <Button
                          type="text"
                          icon={<EditOutlined />}
                          aria-label="Sửa"
                          onClick={() => setEditing(i)}
                          data-testid={`indicator-edit-${i.code}`}
                        />
                      </Tooltip>
                      <Tooltip title="Xóa">
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label="Xóa"
                          data-testid={`indicator-delete-${i.code}`}
                          onClick={() =>
                            confirmMeasureDelete(
                              modal,
                              { kind: 'indicator', name: i.name },
                              () => deleteIndicator(i.code),
                              () => {
                                void refresh();
                                void message.success(`Đã xóa chỉ số «${i.name}».`);
                              },
                            )
                          }
                        />
                      </Tooltip>
                    </>
                  ) : (
                    <Tooltip title="Chỉ số của đơn vị cấp trên hoặc danh mục chung: chỉ đơn vị sở hữu được sửa.">
                      <Button type="text" icon={<EditOutlined />} aria-label="Chỉ xem" disabled />
                    </Tooltip>
                  ))}
              </Space>
            ),
          },
        ]}
      />
      {history && <MeasureHistoryModal kind="indicators" code={history.code} name={history.name} onClose={() => setHistory(undefined)} />}
      {editing !== undefined && (
        <IndicatorFormModal
          key={editing?.code ?? 'new'}
          indicator={editing}
          owner={owner}
          onClose={() => setEditing(undefined)}
          onSaved={(item, isNew) => {
            setEditing(undefined);
            void refresh();
            void message.success(isNew ? `Đã thêm chỉ số «${item.name}» (mã ${item.code}).` : 'Đã lưu thay đổi.');
          }}
        />
      )}
    </>
  );
}
