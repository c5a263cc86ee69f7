import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import { deleteIndicator, elementsQuery, indicatorsQuery, measureKeys, type IndicatorItem } from '../../api/measures.api.ts';
import { readableExpression } from './indicator-form.model.ts';
import { IndicatorFormModal } from './indicator-form.modal.tsx';
import { MeasureHistoryModal } from './measure-history.modal.tsx';
import { MeasureTable, MeasureToolbar } from './measure-list.tsx';
import { listOrder, matchesQuery } from './measures.model.ts';

/** Chỉ số: the indicators the caller sees, each with its formula in names, and the builder. */
export function IndicatorsTab({ canManage, owner }: { canManage: boolean; owner: { id: number; name: string } | undefined }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const elements = useQuery(elementsQuery());
  const indicators = useQuery(indicatorsQuery());
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<IndicatorItem | null | undefined>(undefined);
  const [history, setHistory] = useState<IndicatorItem>();
  const items = listOrder(indicators.data?.items ?? []).filter((i) => matchesQuery(search, i.name, i.code));
  const nameOf = (code: string) =>
    elements.data?.items.find((e) => e.code === code)?.name ?? indicators.data?.items.find((i) => i.code === code)?.name;
  const refresh = () => queryClient.invalidateQueries({ queryKey: measureKeys.all });

  return (
    <>
      <MeasureToolbar kind="indicator" search={search} onSearch={setSearch} canManage={canManage} onCreate={() => setEditing(null)} />
      <MeasureTable<IndicatorItem>
        kind="indicator"
        items={items}
        loading={indicators.isFetching}
        error={indicators.error}
        search={search}
        detail={(i) => (
          <div className="cell-muted measure-formula">
            {readableExpression(i.numerator, nameOf)}
            {i.denominator && <> ÷ {readableExpression(i.denominator, nameOf)}</>}
          </div>
        )}
        canManage={canManage}
        onHistory={setHistory}
        onEdit={setEditing}
        remove={deleteIndicator}
        onDeleted={() => void refresh()}
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
