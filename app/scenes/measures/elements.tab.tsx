import { useQuery } from '@tanstack/react-query';
import { deleteElement, elementsQuery, type ElementItem } from '../../api/measures.api.ts';
import { ElementFormModal } from './element-form.modal.tsx';
import { MeasureHistoryModal } from './measure-history.modal.tsx';
import { MeasureTable, MeasureToolbar } from './measure-list.tsx';
import { useMeasureTab } from './use-measure-tab.hook.ts';
import { listOrder, matchesQuery, sourceLabel } from './measures.model.ts';

/** Thành phần số liệu: every element the caller sees (own subtree, path above, the catalogue). */
export function ElementsTab({ canManage, owner }: { canManage: boolean; owner: { id: number; name: string } | undefined }) {
  const elements = useQuery(elementsQuery());
  const { search, setSearch, editing, setEditing, history, setHistory, refresh, onSaved } = useMeasureTab<ElementItem>('thành phần');
  const items = listOrder(elements.data?.items ?? []).filter((e) => matchesQuery(search, e.name, e.code, e.definitionText));
  const taken = new Set((elements.data?.items ?? []).map((e) => e.code));

  return (
    <>
      <MeasureToolbar kind="element" search={search} onSearch={setSearch} canManage={canManage} onCreate={() => setEditing(null)} />
      <MeasureTable<ElementItem>
        kind="element"
        items={items}
        loading={elements.isFetching}
        error={elements.error}
        search={search}
        detail={(e) => e.definitionText && <div className="cell-muted">Đếm: {e.definitionText}</div>}
        extraColumns={[{ title: 'Nguồn', key: 'source', render: (_, e) => <span className="cell-nowrap">{sourceLabel(e)}</span> }]}
        canManage={canManage}
        onHistory={setHistory}
        onEdit={setEditing}
        remove={deleteElement}
        onDeleted={() => void refresh()}
      />
      {history && <MeasureHistoryModal kind="elements" code={history.code} name={history.name} onClose={() => setHistory(undefined)} />}
      {editing !== undefined && (
        <ElementFormModal
          key={editing?.code ?? 'new'}
          element={editing}
          taken={taken}
          owner={owner}
          onClose={() => setEditing(undefined)}
          onSaved={onSaved}
        />
      )}
    </>
  );
}
