import { Card, Input, InputNumber, Typography } from 'antd';
import { useMemo } from 'react';
import { warningKey, type RuleFinding, type ValidationResult } from '../../../domain/reporting/report-validation.ts';
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

/**
 * The form's figures, a card a section: each with the live checks' errors (once `showsErrorsOf`
 * says so), the server's issues the live checks do not already say, and the warnings.
 */
export function ReportSections({
  view,
  values,
  explanations,
  canEdit,
  findings,
  showsErrorsOf,
  serverIssues,
  onTouch,
  onChange,
  onEnter,
  onExplain,
}: {
  view: ReportView;
  values: Readonly<Record<string, number | null>>;
  explanations: Readonly<Record<string, string>>;
  canEdit: boolean;
  findings: ValidationResult;
  showsErrorsOf: (element: string) => boolean;
  serverIssues: readonly { path: string; message: string }[];
  onTouch: (element: string) => void;
  onChange: (element: string, value: number | null) => void;
  onEnter: (element: string) => void;
  onExplain: (key: string, text: string) => void;
}) {
  const errorsByField = useMemo(() => groupBy(findings.errors, (e) => e.element), [findings]);
  return view.template.sections.map((section) => (
    <Card key={section.title} size="small" title={section.title} className="report-section">
      {section.fields.map((field) => {
        const warnings = findings.warnings.filter((w) => w.element === field.element);
        const errors = [
          ...(showsErrorsOf(field.element) ? (errorsByField.get(field.element) ?? []) : []),
          ...serverIssues.filter(
            (i) => i.path === field.element && !(errorsByField.get(field.element) ?? []).some((e) => e.message === i.message),
          ),
        ];
        return (
          <ReportFieldRow
            key={field.element}
            field={field}
            previous={view.previous?.[field.element]}
            value={values[field.element] ?? null}
            canEdit={canEdit}
            errors={errors}
            warnings={warnings}
            explanations={explanations}
            onTouch={() => onTouch(field.element)}
            onChange={(v) => onChange(field.element, v)}
            onEnter={() => onEnter(field.element)}
            onExplain={onExplain}
          />
        );
      })}
    </Card>
  ));
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}
