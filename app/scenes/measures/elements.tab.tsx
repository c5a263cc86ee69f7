import { DeleteOutlined, EditOutlined, HistoryOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { deleteElement, elementsQuery, measureKeys, type ElementItem } from '../../api/measures.api.ts';
import { ElementFormModal } from './element-form.modal.tsx';
import { MeasureHistoryModal } from './measure-history.modal.tsx';
import { confirmMeasureDelete, UsagePopover } from './measure-usage.popover.tsx';
import { listOrder, matchesQuery, ownerLabel, sourceLabel, unitLabel } from './measures.model.ts';

/** Thành phần số liệu: every element the caller sees (own subtree, path above, the catalogue). */
export function ElementsTab({ canManage, owner }: { canManage: boolean; owner: { id: number; name: string } | undefined }) {
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const elements = useQuery(elementsQuery());
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<ElementItem | null | undefined>(undefined);
  const [history, setHistory] = useState<ElementItem>();
  const items = listOrder(elements.data?.items ?? []).filter((e) => matchesQuery(search, e.name, e.code, e.definitionText));
  const taken = new Set((elements.data?.items ?? []).map((e) => e.code));
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
          data-testid="elements-search"
        />
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="element-create">
            Thêm thành phần
          </Button>
        )}
      </div>
      <Table<ElementItem>
        rowKey="code"
        size="middle"
        scroll={{ x: 'max-content' }}
        loading={elements.isFetching}
        dataSource={items}
        pagination={{
          pageSize: 20,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (total) => `${total.toLocaleString('vi-VN')} thành phần`,
        }}
        locale={{
          emptyText: elements.isError
            ? errorMessage(elements.error)
            : search
              ? `Không có thành phần nào khớp “${search}”.`
              : 'Chưa có thành phần số liệu nào.',
        }}
        onRow={(e) => ({ 'data-testid': `element-row-${e.code}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: 'Thành phần',
            key: 'name',
            render: (_, e) => (
              <div className="measure-name-cell">
                <div className="cell-strong">
                  {e.name} {e.builtin && <Tag className="measure-tag">Có sẵn</Tag>}
                </div>
                <Typography.Text type="secondary" className="cell-nowrap measure-code">
                  {e.code}
                </Typography.Text>
                {e.definitionText && <div className="cell-muted">Đếm: {e.definitionText}</div>}
              </div>
            ),
          },
          { title: 'Đơn vị tính', key: 'unit', render: (_, e) => <span className="cell-nowrap">{unitLabel(e.unit)}</span> },
          { title: 'Nguồn', key: 'source', render: (_, e) => <span className="cell-nowrap">{sourceLabel(e)}</span> },
          { title: 'Đơn vị sở hữu', key: 'owner', render: (_, e) => <div className="cell-unit">{ownerLabel(e.owner)}</div> },
          { title: 'Đang dùng ở', key: 'usedBy', render: (_, e) => <UsagePopover usedBy={e.usedBy} testId={`element-usage-${e.code}`} /> },
          {
            title: 'Thao tác',
            key: 'actions',
            width: canManage ? 132 : 56,
            render: (_: unknown, e: ElementItem) => (
              <Space size={0}>
                <Tooltip title="Lịch sử thay đổi">
                  <Button
                    type="text"
                    icon={<HistoryOutlined />}
                    aria-label="Lịch sử thay đổi"
                    onClick={() => setHistory(e)}
                    data-testid={`element-history-${e.code}`}
                  />
                </Tooltip>
                {canManage &&
                  (e.canEdit ? (
                    <>
                      <Tooltip title="Sửa">
                        <Button
                          type="text"
                          icon={<EditOutlined />}
                          aria-label="Sửa"
                          onClick={() => setEditing(e)}
                          data-testid={`element-edit-${e.code}`}
                        />
                      </Tooltip>
                      <Tooltip title="Xóa">
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label="Xóa"
                          data-testid={`element-delete-${e.code}`}
                          onClick={() =>
                            confirmMeasureDelete(
                              modal,
                              { kind: 'element', name: e.name },
                              () => deleteElement(e.code),
                              () => {
                                void refresh();
                                void message.success(`Đã xóa thành phần «${e.name}».`);
                              },
                            )
                          }
                        />
                      </Tooltip>
                    </>
                  ) : (
                    <Tooltip title="Thành phần của đơn vị cấp trên hoặc danh mục chung: chỉ đơn vị sở hữu được sửa.">
                      <Button type="text" icon={<EditOutlined />} aria-label="Chỉ xem" disabled />
                    </Tooltip>
                  ))}
              </Space>
            ),
          },
        ]}
      />
      {history && <MeasureHistoryModal kind="elements" code={history.code} name={history.name} onClose={() => setHistory(undefined)} />}
      {editing !== undefined && (
        <ElementFormModal
          key={editing?.code ?? 'new'}
          element={editing}
          taken={taken}
          owner={owner}
          onClose={() => setEditing(undefined)}
          onSaved={(item, isNew) => {
            setEditing(undefined);
            void refresh();
            void message.success(isNew ? `Đã thêm thành phần «${item.name}» (mã ${item.code}).` : 'Đã lưu thay đổi.');
          }}
        />
      )}
    </>
  );
}
