import { useQuery } from '@tanstack/react-query';
import { deleteIndicator, elementsQuery, indicatorsQuery, type IndicatorItem } from '../../api/measures.api.ts';
import { readableExpression } from './indicator-form.model.ts';
import { IndicatorFormModal } from './indicator-form.modal.tsx';
import { MeasureHistoryModal } from './measure-history.modal.tsx';
import { MeasureTable, MeasureToolbar } from './measure-list.tsx';
import { useMeasureTab } from './use-measure-tab.hook.ts';
import { listOrder, matchesQuery } from './measures.model.ts';

/** Chỉ số: the indicators the caller sees, each with its formula in names, and the builder. */
export function IndicatorsTab({ canManage, owner }: { canManage: boolean; owner: { id: number; name: string } | undefined }) {
  const elements = useQuery(elementsQuery());
  const indicators = useQuery(indicatorsQuery());
  const { search, setSearch, editing, setEditing, history, setHistory, refresh, onSaved } = useMeasureTab<IndicatorItem>('chỉ số');
  const items = listOrder(indicators.data?.items ?? []).filter((i) => matchesQuery(search, i.name, i.code));
  const nameOf = (code: string) =>
    elements.data?.items.find((e) => e.code === code)?.name ?? indicators.data?.items.find((i) => i.code === code)?.name;

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
          onSaved={onSaved}
        />
      )}
    </>
  );
}
