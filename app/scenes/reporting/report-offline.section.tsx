import { CloudOutlined, CloudSyncOutlined, DisconnectOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Popconfirm, Radio, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { TemplateDefinition } from '../../../domain/reporting/report-template.ts';
import { formatVietnamTime } from '../../../domain/time/calendar-date.ts';
import { goToLogin } from '../../api/auth.api.ts';
import { hasDeviceCopy } from '../../offline/device-copy.ts';
import { changedElements, conflictLabel, rebaseOnServer, type ConflictField, type ReportDraft } from '../../offline/report-draft.ts';
import { draftStateLabel } from '../../offline/use-offline.ts';
import { formatFigure } from './report-format.ts';

const shown = (field: Pick<ConflictField, 'kind'>, value: number | string | null) =>
  value === null || value === ''
    ? field.kind === 'value'
      ? 'chưa nhập'
      : 'không có'
    : field.kind === 'value'
      ? formatFigure(value as number)
      : `«${value}»`;

/** The report page opens offline when the device holds the report and the service worker holds the app. */
export function useOpensOffline(url: string, isFromDevice: boolean): boolean {
  const [isReady, setReady] = useState(isFromDevice);
  useEffect(() => {
    let isLive = true;
    const check = async () => {
      const hasShell = 'serviceWorker' in navigator && navigator.serviceWorker.controller !== null;
      const ready = hasShell && (await hasDeviceCopy(url));
      if (isLive) setReady(ready);
    };
    void check();
    navigator.serviceWorker?.addEventListener('controllerchange', check);
    return () => {
      isLive = false;
      navigator.serviceWorker?.removeEventListener('controllerchange', check);
    };
  }, [url]);
  return isReady;
}

/** One line under the title: where the figures are (device, server), and what happens next. */
export function ReportOfflineState({
  draft,
  isOnline,
  copyAt,
  opensOffline,
}: {
  draft: ReportDraft | null;
  isOnline: boolean;
  copyAt?: string;
  opensOffline: boolean;
}) {
  const label = draft ? draftStateLabel(draft, isOnline) : null;
  return (
    <Space wrap className="report-offline-state">
      {label && (
        <Tag color={draft?.state === 'pending' ? 'orange' : 'red'} icon={<CloudSyncOutlined />} data-testid="report-offline-state">
          {label}
        </Tag>
      )}
      {copyAt && (
        <Tag icon={<DisconnectOutlined />} data-testid="report-device-copy">
          Đang xem bản lưu trên máy lúc {formatVietnamTime(new Date(copyAt))}
        </Tag>
      )}
      {!copyAt && opensOffline && (
        <Typography.Text type="secondary" data-testid="report-offline-ready">
          <CloudOutlined /> Đã lưu trên máy: mở và nhập được khi mất mạng
        </Typography.Text>
      )}
    </Space>
  );
}

/** What the officer must act on before the device's figures can go: a session to renew, a queued submission, a refusal. */
export function ReportDraftNotice({
  draft,
  isOnline,
  onCancelSubmit,
  onDiscard,
  template,
}: {
  draft: ReportDraft | null;
  isOnline: boolean;
  onCancelSubmit: () => void;
  onDiscard: () => void;
  template: Pick<TemplateDefinition, 'sections'>;
}) {
  if (!draft) return null;
  if (draft.state === 'auth') {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="report-auth-needed"
        title={draft.message}
        action={
          <Button type="primary" onClick={goToLogin} data-testid="report-login-again">
            Đăng nhập lại
          </Button>
        }
      />
    );
  }
  if (draft.state === 'refused') {
    const differing = draft.server ? changedElements({ values: draft.values, baseValues: draft.server.values }) : [];
    return (
      <Alert
        type="error"
        showIcon
        data-testid="report-refused"
        title={`Số liệu trên máy này chưa gửi được: ${draft.message ?? ''}`}
        description={
          differing.length > 0 && (
            <ul className="report-refused-list">
              {differing.map((element) => (
                <li key={element}>
                  {conflictLabel(template, { key: element, kind: 'value' })}: của bạn{' '}
                  {shown({ kind: 'value' }, draft.values[element] ?? null)}, trên máy chủ{' '}
                  {shown({ kind: 'value' }, draft.server!.values[element] ?? null)}
                </li>
              ))}
            </ul>
          )
        }
        action={
          <Popconfirm
            title="Bỏ số liệu đã nhập trên máy này?"
            description="Số liệu trên máy chủ được giữ nguyên."
            okText="Bỏ"
            cancelText="Không"
            onConfirm={onDiscard}
          >
            <Button danger data-testid="report-discard">
              Bỏ số liệu trên máy
            </Button>
          </Popconfirm>
        }
      />
    );
  }
  // Online, a submission is on its way this very moment: no notice unless it could not go.
  if (draft.submitRequested && (draft.message || !isOnline)) {
    return (
      <Alert
        type="info"
        showIcon
        data-testid="report-submit-queued"
        title="Báo cáo sẽ được gửi lên cấp trên ngay khi có mạng. Số liệu được giữ trên máy này."
        action={
          <Button onClick={onCancelSubmit} data-testid="report-cancel-submit">
            Hủy gửi để sửa tiếp
          </Button>
        }
      />
    );
  }
  return null;
}

/**
 * A newer server version changed the same fields the officer changed offline: each such field with
 * both values, the officer's picked by default; "Lưu lựa chọn" saves exactly what was chosen.
 */
export function ConflictPanel({
  draft,
  template,
  onResolve,
}: {
  draft: ReportDraft;
  template: Pick<TemplateDefinition, 'sections'>;
  onResolve: (choices: Record<string, 'mine' | 'theirs'>) => Promise<void>;
}) {
  const conflicts = draft.server ? rebaseOnServer(draft, draft.server).conflicts : [];
  const [choices, setChoices] = useState<Record<string, 'mine' | 'theirs'>>({});
  const [isSaving, setSaving] = useState(false);
  const server = draft.server!;
  return (
    <Card size="small" className="report-conflict" data-testid="report-conflict" title="Số liệu khác với bản mới trên máy chủ">
      <Typography.Paragraph>{draft.message}</Typography.Paragraph>
      {conflicts.map((c) => (
        <div key={c.key} className="report-conflict-row" data-testid={`conflict-${c.key}`}>
          <div className="report-label">{conflictLabel(template, c)}</div>
          <Radio.Group
            value={choices[c.key] ?? 'mine'}
            onChange={(e) => setChoices((x) => ({ ...x, [c.key]: e.target.value as 'mine' | 'theirs' }))}
          >
            <Space orientation="vertical">
              <Radio value="mine">
                <span data-testid={`conflict-mine-${c.key}`}>
                  Của bạn (nhập trên máy này): <strong>{shown(c, c.mine)}</strong>
                </span>
              </Radio>
              <Radio value="theirs">
                <span data-testid={`conflict-theirs-${c.key}`}>
                  Trên máy chủ ({server.updatedBy}): <strong>{shown(c, c.theirs)}</strong>
                </span>
              </Radio>
            </Space>
          </Radio.Group>
        </div>
      ))}
      <Button
        type="primary"
        loading={isSaving}
        data-testid="conflict-resolve"
        onClick={async () => {
          setSaving(true);
          try {
            await onResolve(choices);
          } finally {
            setSaving(false);
          }
        }}
      >
        Lưu lựa chọn
      </Button>
    </Card>
  );
}
