import { useQuery } from '@tanstack/react-query';
import { deleteElement, elementsQuery, type ElementItem } from '../../api/measures.api.ts';
import { ElementFormModal } from './element-form.modal.tsx';
import { MeasureTab } from './measure-tab.tsx';
import { matchesQuery, sourceLabel } from './measures.model.ts';

/** Thành phần số liệu: every element the caller sees (own subtree, path above, the catalogue). */
export function ElementsTab({ canManage, owner }: { canManage: boolean; owner: { id: number; name: string } | undefined }) {
  const elements = useQuery(elementsQuery());
  const taken = new Set((elements.data?.items ?? []).map((e) => e.code));

  return (
    <MeasureTab<ElementItem>
      kind="element"
      list={elements}
      matches={(e, search) => matchesQuery(search, e.name, e.code, e.definitionText)}
      detail={(e) => e.definitionText && <div className="cell-muted">Đếm: {e.definitionText}</div>}
      extraColumns={[{ title: 'Nguồn', key: 'source', render: (_, e) => <span className="cell-nowrap">{sourceLabel(e)}</span> }]}
      canManage={canManage}
      remove={deleteElement}
      form={(editing, close, onSaved) => (
        <ElementFormModal key={editing?.code ?? 'new'} element={editing} taken={taken} owner={owner} onClose={close} onSaved={onSaved} />
      )}
    />
  );
}
