import { useQuery } from '@tanstack/react-query';
import { deleteIndicator, elementsQuery, indicatorsQuery, type IndicatorItem } from '../../api/measures.api.ts';
import { readableExpression } from './indicator-form.model.ts';
import { IndicatorFormModal } from './indicator-form.modal.tsx';
import { MeasureTab } from './measure-tab.tsx';
import { matchesQuery } from './measures.model.ts';

/** Chỉ số: the indicators the caller sees, each with its formula in names, and the builder. */
export function IndicatorsTab({ canManage, owner }: { canManage: boolean; owner: { id: number; name: string } | undefined }) {
  const elements = useQuery(elementsQuery());
  const indicators = useQuery(indicatorsQuery());
  const nameOf = (code: string) =>
    elements.data?.items.find((e) => e.code === code)?.name ?? indicators.data?.items.find((i) => i.code === code)?.name;

  return (
    <MeasureTab<IndicatorItem>
      kind="indicator"
      list={indicators}
      matches={(i, search) => matchesQuery(search, i.name, i.code)}
      detail={(i) => (
        <div className="cell-muted measure-formula">
          {readableExpression(i.numerator, nameOf)}
          {i.denominator && <> ÷ {readableExpression(i.denominator, nameOf)}</>}
        </div>
      )}
      canManage={canManage}
      remove={deleteIndicator}
      form={(editing, close, onSaved) => (
        <IndicatorFormModal key={editing?.code ?? 'new'} indicator={editing} owner={owner} onClose={close} onSaved={onSaved} />
      )}
    />
  );
}
