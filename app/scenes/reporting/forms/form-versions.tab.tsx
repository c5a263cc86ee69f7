import { CopyOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../../api/api-client.ts';
import { meQuery } from '../../../api/auth.api.ts';
import { templateVersionsQuery, type TemplateVersionItem } from '../../../api/report-templates.api.ts';
import { templatesQuery } from '../../../api/reporting.api.ts';
import { todayIso } from '../../../lib/calendar-date.ts';
import { formatViDateMinute } from '../../admin/date-time.ts';
import { formatFigure } from '../report-format.ts';
import { FormEditorDrawer, type EditorTarget, type FormRef } from './form-editor.drawer.tsx';
import { fromPeriodLabel, ownDraft, sourceForNewVersion, versionStatuses, type VersionStatus } from './form-versions.model.ts';
import './forms.css';

const CHANGES_SHOWN = 5;

/** Biểu mẫu: the periodic forms and, for the chosen one, its versions; managers copy the version in force into a draft, edit it and publish it from a period. */
export function FormVersionsTab() {
  const me = useQuery(meQuery());
  const canEdit = me.data?.permissions.includes('measures.manage') ?? false;
  const templates = useQuery(templatesQuery());
  const [params, setParams] = useSearchParams();
  const code = params.get('bieuMau') ?? templates.data?.items[0]?.code;
  const template = templates.data?.items.find((t) => t.code === code);
  const form = useMemo<FormRef | undefined>(
    () =>
      template && {
        code: template.code,
        name: template.name,
        periodKind: template.definition.periodKind,
        calendar: template.definition.calendar,
        opensBeforeEndDays: template.definition.opensBeforeEndDays,
        deadlineDays: template.definition.deadlineDays,
      },
    [template],
  );
  const versions = useQuery({ ...templateVersionsQuery(code ?? ''), enabled: code !== undefined });
  const items = useMemo(() => [...(versions.data?.items ?? [])].sort((a, b) => b.version - a.version), [versions.data]);
  const statuses = useMemo(() => (form ? versionStatuses(items, form, todayIso()) : new Map<number, VersionStatus>()), [items, form]);
  const draft = ownDraft(items, me.data?.unit.id);
  const source = sourceForNewVersion(items, statuses, me.data?.unit.id);
  const [target, setTarget] = useState<EditorTarget>();

  const choose = (next: string) =>
    setParams((p) => {
      p.set('bieuMau', next);
      return p;
    });
  const newFrom = (v: TemplateVersionItem) => form && setTarget({ form, copyOf: v });

  if (templates.isError) return <Alert type="error" showIcon title={errorMessage(templates.error)} />;
  if (!templates.data) return <Spin />;

  return (
    <div data-testid="form-versions">
      <Space wrap className="registry-widgets form-versions-bar">
        <Select
          className="form-versions-select"
          value={code}
          onChange={choose}
          aria-label="Biểu mẫu"
          data-testid="form-select"
          options={templates.data.items.map((t) => ({ value: t.code, label: t.name }))}
        />
        {canEdit &&
          form &&
          (draft ? (
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => setTarget({ form, version: draft })}
              data-testid="form-open-draft"
            >
              Sửa bản nháp (phiên bản {draft.version})
            </Button>
          ) : (
            <Tooltip title={source ? `Sao chép phiên bản ${source.version} để sửa` : 'Chưa có phiên bản nào đã áp dụng để sao chép'}>
              <Button
                type="primary"
                icon={<CopyOutlined />}
                disabled={!source}
                onClick={() => source && newFrom(source)}
                data-testid="form-new-version"
              >
                Tạo phiên bản mới
              </Button>
            </Tooltip>
          ))}
      </Space>
      <Typography.Paragraph type="secondary">
        Mỗi lần sửa biểu mẫu là một phiên bản mới, áp dụng từ một kỳ trở đi; báo cáo các kỳ trước giữ biểu mẫu đã dùng.
        {canEdit ? '' : ' Chỉ người có quyền quản lý biểu mẫu và chỉ số mới sửa được.'}
      </Typography.Paragraph>

      {versions.isError && <Alert type="error" showIcon title={errorMessage(versions.error)} />}
      {versions.isLoading && <Spin />}
      {versions.data && items.length === 0 && <Empty description="Biểu mẫu chưa có phiên bản nào." />}
      <div className="form-version-list">
        {form &&
          items.map((v) => (
            <VersionCard
              key={v.id}
              v={v}
              form={form}
              status={statuses.get(v.id)}
              canEdit={canEdit}
              isOwnDraft={v.id === draft?.id}
              hasDraft={draft !== undefined}
              onOpen={() => setTarget({ form, version: v })}
              onNewFrom={() => newFrom(v)}
            />
          ))}
      </div>
      {target && (
        <FormEditorDrawer
          key={'version' in target ? `v${target.version.id}` : `copy${target.copyOf.id}`}
          target={target}
          // Only the caller's own draft is edited; another unit's is read.
          canEdit={
            canEdit &&
            ('copyOf' in target || target.version.status !== 'draft' || (target.version.canEdit ?? target.version.id === draft?.id))
          }
          canCopy={canEdit && !draft}
          canReadElements={me.data?.permissions.includes('targets.read') ?? false}
          onClose={() => setTarget(undefined)}
          onNewFrom={newFrom}
        />
      )}
    </div>
  );
}

interface CardProps {
  v: TemplateVersionItem;
  form: FormRef;
  status: VersionStatus | undefined;
  canEdit: boolean;
  isOwnDraft: boolean;
  hasDraft: boolean;
  onOpen: () => void;
  onNewFrom: () => void;
}

function VersionCard({ v, form, status, canEdit, isOwnDraft, hasDraft, onOpen, onNewFrom }: CardProps) {
  const [allChanges, setAllChanges] = useState(false);
  const changes = allChanges ? v.changes : v.changes.slice(0, CHANGES_SHOWN);
  const fields = v.definition.sections.reduce((n, s) => n + s.fields.length, 0);
  return (
    <Card
      size="small"
      data-testid={`form-version-${v.version}`}
      title={
        <Space wrap size={8}>
          <span>Phiên bản {v.version}</span>
          {status && (
            <Tag color={status.color} data-testid={`form-version-status-${v.version}`}>
              {status.label}
            </Tag>
          )}
        </Space>
      }
    >
      <div className="form-version-facts">
        <div>
          <span className="cell-muted">Áp dụng từ kỳ:</span>{' '}
          {v.status === 'draft' ? 'chưa áp dụng' : (fromPeriodLabel(v, form.calendar) ?? 'từ khi có biểu mẫu')}
        </div>
        <div>
          <span className="cell-muted">Đơn vị ban hành:</span> {v.owner?.name ?? 'Toàn hệ thống'}
        </div>
        <div>
          <span className="cell-muted">Số báo cáo dùng phiên bản:</span>{' '}
          <span data-testid={`form-version-reports-${v.version}`}>{formatFigure(v.reports)}</span>
        </div>
        <div>
          <span className="cell-muted">Nội dung:</span> {v.definition.sections.length} phần, {fields} chỉ tiêu, {v.definition.rules.length}{' '}
          quy tắc
        </div>
        <div>
          <span className="cell-muted">Tạo:</span> {v.createdBy}, {formatViDateMinute(v.createdAt)}
        </div>
        {v.publishedAt && (
          <div>
            <span className="cell-muted">Áp dụng lúc:</span> {formatViDateMinute(v.publishedAt)}
          </div>
        )}
      </div>
      {v.changes.length > 0 && (
        <ul className="form-version-changes" data-testid={`form-version-changes-${v.version}`}>
          {changes.map((c) => (
            <li key={c}>{c}</li>
          ))}
          {v.changes.length > CHANGES_SHOWN && (
            <li className="form-version-more">
              <Button type="link" size="small" onClick={() => setAllChanges(!allChanges)}>
                {allChanges ? 'Thu gọn' : `Xem cả ${v.changes.length} thay đổi`}
              </Button>
            </li>
          )}
        </ul>
      )}
      <Space wrap className="form-version-actions">
        {v.status === 'draft' && canEdit && isOwnDraft ? (
          <Button type="primary" icon={<EditOutlined />} onClick={onOpen} data-testid={`form-version-edit-${v.version}`}>
            Sửa bản nháp
          </Button>
        ) : (
          <Button icon={<EyeOutlined />} onClick={onOpen} data-testid={`form-version-view-${v.version}`}>
            Xem
          </Button>
        )}
        {canEdit && v.status === 'published' && !hasDraft && (
          <Button icon={<CopyOutlined />} onClick={onNewFrom} data-testid={`form-version-copy-${v.version}`}>
            Tạo phiên bản mới từ phiên bản này
          </Button>
        )}
      </Space>
    </Card>
  );
}
