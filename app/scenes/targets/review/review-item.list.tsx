import { Empty } from 'antd';
import type { ComponentProps } from 'react';
import type { ReviewResult } from '../../../api/documents.api.ts';
import { ReviewTargetCard } from './review-target.card.tsx';
import type { Draft } from './review.model.ts';

/** The items of one kind read from the text (baseline, qualitative, reference); a click shows it in the text. */
export function ReviewItemList({
  items,
  selected,
  onSelect,
}: {
  items: ReviewResult['items'];
  selected: string | null;
  onSelect: (key: string) => void;
}) {
  if (items.length === 0) return <Empty description="Không đọc được mục nào loại này." />;
  return items.map((i) => (
    <div
      key={i.key}
      data-review-key={i.key}
      className={`review-item${selected === i.key ? ' is-selected' : ''}`}
      onClick={() => onSelect(i.key)}
      data-testid={`review-item-${i.key}`}
    >
      <div className="cell-strong">{i.detail}</div>
      <div className="cell-muted">{i.text.length > 220 ? `${i.text.slice(0, 220)}…` : i.text}</div>
    </div>
  ));
}

type CardProps = ComponentProps<typeof ReviewTargetCard>;

/** The targets read from the text, a card each with its decision. */
export function ReviewTargetList({
  proposals,
  drafts,
  selected,
  ...shared
}: {
  proposals: ReviewResult['proposals'];
  drafts: Draft[];
  selected: string | null;
} & Pick<CardProps, 'issuer' | 'indicators' | 'canCreateIndicator' | 'isReadOnly' | 'onSelect' | 'onChange'>) {
  if (proposals.length === 0) return <Empty description="Không đọc được chỉ tiêu có số liệu nào trong văn bản này." />;
  return proposals.map((p, i) => (
    <ReviewTargetCard key={p.key} index={i} proposal={p} draft={drafts[i]!} isSelected={selected === p.key} {...shared} />
  ));
}
