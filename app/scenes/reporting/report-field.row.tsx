import { Card, Input, InputNumber, Typography } from 'antd';
import { warningKey, type RuleFinding } from '../../../domain/reporting/report-validation.ts';
import type { ReportView } from '../../api/reporting.api.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { formatFigure, parseFigure } from './report-format.ts';

type Field = ReportView['template']['sections'][number]['fields'][number];

// Stable functions: InputNumber rewrites its text whenever `formatter` changes identity, and the
// form re-renders between keystrokes (drafts written to the device): a fresh arrow each render
// could drop a digit typed at that moment.
const FIGURE_FORMATTER = (v: number | string | undefined) => formatFigure(v);
const FIGURE_PARSER = (t: string | undefined) => parseFigure(t) as unknown as number;

/** One figure of the form: its label and last period's value, the input, and its errors and warnings (each warning asks why). */
export function ReportFieldRow({
  field,
  previous,
  value,
  canEdit,
  errors,
  warnings,
  explanations,
  onTouch,
  onChange,
  onEnter,
  onExplain,
}: {
  field: Field;
  previous: unknown;
  value: number | null;
  canEdit: boolean;
  errors: readonly { message: string }[];
  warnings: readonly RuleFinding[];
  explanations: Readonly<Record<string, string>>;
  onTouch: () => void;
  onChange: (value: number | null) => void;
  onEnter: () => void;
  onExplain: (key: string, text: string) => void;
}) {
  return (
    <div className="report-row" data-testid={`row-${field.element}`}>
      <label className="report-label" htmlFor={`f-${field.element}`}>
        {field.label}
        {field.hint && <span className="cell-muted"> ({field.hint})</span>}
        {typeof previous === 'number' && <div className="cell-muted">Kỳ trước: {formatFigure(previous)}</div>}
      </label>
      <InputNumber
        id={`f-${field.element}`}
        data-testid={`field-${field.element}`}
        // Whole numbers only: a phone opens its digit keypad, not the full keyboard.
        inputMode="numeric"
        value={value}
        min={0}
        precision={0}
        // Read-only, not disabled: a sent report's figures stay dark and legible (a
        // disabled input's grey fails the 4.5:1 contrast), and can be selected and copied.
        readOnly={!canEdit}
        controls={canEdit}
        className={canEdit ? 'report-input' : 'report-input report-input-readonly'}
        onBlur={() => canEdit && onTouch()}
        status={errors.length ? 'error' : warnings.length ? 'warning' : undefined}
        formatter={FIGURE_FORMATTER}
        parser={FIGURE_PARSER}
        onChange={(v) => onChange(typeof v === 'number' ? v : null)}
        onPressEnter={onEnter}
      />
      <div className="report-findings">
        {errors.map((e) => (
          <div key={e.message} className="report-error" data-testid={`error-${field.element}`}>
            {e.message}
          </div>
        ))}
        {warnings.map((w) => (
          <div key={w.message} className="report-warning" data-testid={`warning-${field.element}`}>
            {w.message}
            <Input.TextArea
              data-testid={`explain-${field.element}`}
              autoSize={{ minRows: 1, maxRows: 4 }}
              placeholder="Giải thích nguyên nhân biến động"
              value={explanations[warningKey(w)] ?? ''}
              readOnly={!canEdit}
              onChange={(e) => onExplain(warningKey(w), e.target.value)}
            />
          </div>
        ))}
      </div>
    </div>
  );
}

/** What the registries say, beside the form, to compare with while typing. */
export function ReportContextCard({ context }: { context: ReportView['context'] }) {
  return (
    <Card size="small" title="Số liệu từ sổ sách (chỉ xem)" data-testid="report-context">
      <Typography.Paragraph type="secondary">Tính đến ngày {formatViDate(context.measuredOn)}, để đối chiếu khi nhập.</Typography.Paragraph>
      {context.items.map((item) => (
        <div key={item.code} className="report-context-row">
          <span>{item.name}</span>
          <strong>{item.value === null ? '—' : formatFigure(item.value)}</strong>
        </div>
      ))}
    </Card>
  );
}
