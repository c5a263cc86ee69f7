import { Card, Input, Radio, Tag } from 'antd';
import { memo } from 'react';
import type { Proposal } from '../../../api/documents.api.ts';
import type { IndicatorOption } from '../target-form.model.ts';
import { ReviewIndicatorField, ReviewScopeFields, ReviewTermsFields } from './review-target.fields.tsx';
import { termsPhrase, type Draft } from './review.model.ts';

/** One extracted target: confirm or drop it, and correct what it is measured by, where and by when. */
export const ReviewTargetCard = memo(function ReviewTargetCard({
  index,
  proposal,
  draft,
  issuer,
  indicators,
  canCreateIndicator,
  isSelected,
  isReadOnly,
  onSelect,
  onChange,
}: {
  index: number;
  proposal: Proposal;
  draft: Draft;
  issuer: { id: number; name: string };
  /** GET /api/measures/indicators as options: the catalogue and the custom indicators. */
  indicators: readonly IndicatorOption[];
  /** measures.manage: a target no indicator measures offers Tạo chỉ số mới. */
  canCreateIndicator: boolean;
  isSelected: boolean;
  isReadOnly: boolean;
  onSelect: (key: string) => void;
  onChange: (key: string, patch: Partial<Draft>) => void;
}) {
  const set = (patch: Partial<Draft>) => onChange(draft.key, patch);
  return (
    <Card
      size="small"
      className={`review-card is-${draft.decision}${isSelected ? ' is-selected' : ''}`}
      data-testid={`review-target-${draft.key}`}
      data-review-key={draft.key}
      onClick={() => onSelect(draft.key)}
      title={
        <span>
          Chỉ tiêu {index + 1}
          {proposal.change && (
            <Tag color="warning" style={{ marginLeft: 8 }}>
              mức tăng/giảm
            </Tag>
          )}
          <span className="review-card-terms" data-testid={`review-terms-${draft.key}`}>
            {termsPhrase(draft, proposal.unit)}
          </span>
        </span>
      }
      extra={
        <Radio.Group
          size="small"
          optionType="button"
          buttonStyle="solid"
          disabled={isReadOnly}
          value={draft.decision}
          onChange={(e) => set({ decision: e.target.value })}
          options={[
            { value: 'confirm', label: 'Xác nhận' },
            { value: 'drop', label: 'Bỏ' },
          ]}
          data-testid={`review-decision-${draft.key}`}
          aria-label={`Quyết định — chỉ tiêu ${index + 1}`}
        />
      }
    >
      <div className="review-quote">“{proposal.quote}”</div>
      {draft.decision !== 'drop' && (
        <div onClick={(e) => e.stopPropagation()}>
          <ReviewIndicatorField
            index={index}
            proposal={proposal}
            draft={draft}
            isReadOnly={isReadOnly}
            set={set}
            issuer={issuer}
            indicators={indicators}
            canCreateIndicator={canCreateIndicator}
          />
          <ReviewTermsFields index={index} proposal={proposal} draft={draft} isReadOnly={isReadOnly} set={set} />
          <ReviewScopeFields index={index} draft={draft} isReadOnly={isReadOnly} set={set} issuer={issuer} />
          <div className="field-label" style={{ marginTop: 8 }}>
            Nội dung chỉ tiêu
          </div>
          <Input
            value={draft.subject ?? ''}
            maxLength={1000}
            onChange={(e) => set({ subject: e.target.value })}
            disabled={isReadOnly}
            aria-label={`Nội dung chỉ tiêu — chỉ tiêu ${index + 1}`}
          />
        </div>
      )}
    </Card>
  );
});
