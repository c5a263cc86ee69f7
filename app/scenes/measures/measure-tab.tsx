import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState, type ReactNode } from 'react';
import { measureKeys } from '../../api/measures.api.ts';
import { MeasureHistoryModal } from './measure-history.modal.tsx';
import { MeasureTable, MeasureToolbar, measureNoun, type MeasureKind, type MeasureRow, type MeasureTableProps } from './measure-list.tsx';
import { listOrder } from './measures.model.ts';

/**
 * What the two catalogue tabs (Thành phần số liệu, Chỉ số) share: the search and the create
 * button, the list in its order, the history of a row, and `form` for the item being edited
 * (null: a new one), closed with a success line once it is saved.
 */
export function MeasureTab<T extends MeasureRow & { updatedAt: string | null }>({
  kind,
  list,
  matches,
  form,
  ...table
}: {
  kind: MeasureKind;
  list: { data?: { items: T[] }; isFetching: boolean; error: unknown };
  matches: (row: T, search: string) => boolean;
  form: (editing: T | null, close: () => void, onSaved: (item: T, isNew: boolean) => void) => ReactNode;
} & Pick<MeasureTableProps<T>, 'detail' | 'extraColumns' | 'canManage' | 'remove'>) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<T | null | undefined>(undefined);
  const [history, setHistory] = useState<T>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: measureKeys.all });
  const onSaved = (item: T, isNew: boolean) => {
    setEditing(undefined);
    void refresh();
    void message.success(isNew ? `Đã thêm ${measureNoun(kind)} «${item.name}» (mã ${item.code}).` : 'Đã lưu thay đổi.');
  };
  const items = listOrder(list.data?.items ?? []).filter((row) => matches(row, search));

  return (
    <>
      <MeasureToolbar kind={kind} search={search} onSearch={setSearch} canManage={table.canManage} onCreate={() => setEditing(null)} />
      <MeasureTable<T>
        {...table}
        kind={kind}
        items={items}
        loading={list.isFetching}
        error={list.error}
        search={search}
        onHistory={setHistory}
        onEdit={setEditing}
        onDeleted={() => void refresh()}
      />
      {history && <MeasureHistoryModal kind={`${kind}s`} code={history.code} name={history.name} onClose={() => setHistory(undefined)} />}
      {editing !== undefined && form(editing, () => setEditing(undefined), onSaved)}
    </>
  );
}
