import { CopyOutlined, DeleteOutlined, SaveOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Grid, Popconfirm, Space, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { checkTemplateDefinition, type TemplateProblem } from '../../../../domain/reporting/template-editing.ts';
import { ApiError, errorMessage } from '../../../api/api-client.ts';
import {
  createTemplateDraft,
  deleteTemplateDraft,
  formElementsQuery,
  publishTemplateVersion,
  reportTemplateKeys,
  updateTemplateDraft,
  type FormElement,
  type TemplateVersionItem,
} from '../../../api/report-templates.api.ts';
import { reportingKeys } from '../../../api/reporting.api.ts';
import {
  cleanDefinition,
  copyDefinition,
  groupProblems,
  sameDefinition,
  serverProblems,
  type FormDefinition,
} from './form-editor.model.ts';
import { FormPublishModal } from './form-publish.modal.tsx';
import { FormRulesPanel } from './form-rules.panel.tsx';
import { FormSectionsPanel } from './form-sections.panel.tsx';
import type { FormCalendar } from './form-versions.model.ts';
import { ProblemLines } from './problem-lines.tsx';

export interface FormRef extends FormCalendar {
  code: string;
  name: string;
}

/** What the drawer opens: a saved version (a draft to edit, a published one to read), or a new draft copied from a version. */
export type EditorTarget = { form: FormRef; version: TemplateVersionItem } | { form: FormRef; copyOf: TemplateVersionItem };

interface Props {
  target: EditorTarget;
  canEdit: boolean;
  /** May start a new draft (the caller manages forms and has no draft of this one yet). */
  canCopy: boolean;
  /** May list the data elements (targets.read): their names under each field. */
  canReadElements: boolean;
  onClose: () => void;
  /** "Tạo phiên bản mới" from the published version being read. */
  onNewFrom: (version: TemplateVersionItem) => void;
}

/** The forms editor: sections, fields and rules of one version; save the draft, delete it, or publish it from a period. */
export function FormEditorDrawer({ target, canEdit, canCopy, canReadElements, onClose, onNewFrom }: Props) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const isNarrow = Grid.useBreakpoint().md === false;
  const { form } = target;
  const basedOn = 'copyOf' in target ? target.copyOf.version : undefined;
  const [current, setCurrent] = useState<TemplateVersionItem | null>('version' in target ? target.version : null);
  const [def, setDef] = useState<FormDefinition>(() => copyDefinition(('version' in target ? target.version : target.copyOf).definition));
  const [saved, setSaved] = useState<FormDefinition | null>(() => ('version' in target ? copyDefinition(target.version.definition) : null));
  const [checked, setChecked] = useState(false);
  const [fromServer, setFromServer] = useState<TemplateProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const readOnly = !canEdit || current?.status === 'published';

  const elementsQuery = useQuery({ ...formElementsQuery(), enabled: canEdit || canReadElements });
  const elements = useMemo(
    () => new Map<string, FormElement>((elementsQuery.data?.items ?? []).map((e) => [e.code, e])),
    [elementsQuery.data],
  );
  const local = useMemo(
    () => (readOnly || !elementsQuery.data ? [] : checkTemplateDefinition(def, elements)),
    [readOnly, elementsQuery.data, def, elements],
  );
  const shown = useMemo(() => groupProblems([...(checked ? local : []), ...fromServer]), [checked, local, fromServer]);
  const dirty = !readOnly && (saved === null || !sameDefinition(cleanDefinition(def), cleanDefinition(saved)));
  const fieldCount = def.sections.reduce((n, s) => n + s.fields.length, 0);

  const edit = (next: FormDefinition) => {
    setDef(next);
    // The server's verdict was on the text it was sent; the live checks take over.
    setFromServer([]);
    setError(null);
  };

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: reportTemplateKeys.versions(form.code) }),
      queryClient.invalidateQueries({ queryKey: reportingKeys.all }),
    ]);

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.code === 'TEMPLATE_INVALID') setFromServer(serverProblems(e.details));
    setError(errorMessage(e));
  };

  /** Saves the draft (a new one, or the one being edited); null when it could not be saved. */
  const save = async (): Promise<TemplateVersionItem | null> => {
    setChecked(true);
    const clean = cleanDefinition(def);
    const problems = elementsQuery.data ? checkTemplateDefinition(clean, elements) : [];
    if (problems.length) {
      setError(`Biểu mẫu còn ${problems.length} điểm cần sửa (ghi màu đỏ bên dưới) trước khi lưu.`);
      return null;
    }
    setBusy(true);
    setError(null);
    try {
      const result =
        current?.status === 'draft'
          ? await updateTemplateDraft(form.code, current.version, clean)
          : await createTemplateDraft(form.code, { definition: clean, ...(basedOn !== undefined ? { basedOn } : {}) });
      setCurrent(result);
      setDef(clean);
      setSaved(clean);
      setFromServer([]);
      await refresh();
      return result;
    } catch (e) {
      fail(e);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const saveDraft = async () => {
    const result = await save();
    if (result) message.success(`Đã lưu bản nháp phiên bản ${result.version}.`);
  };

  const remove = async () => {
    if (!current || current.status !== 'draft') return;
    setBusy(true);
    try {
      await deleteTemplateDraft(form.code, current.version);
      message.success('Đã xóa bản nháp.');
      await refresh();
      onClose();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const publish = async (fromPeriod: string, label: string): Promise<string | null> => {
    const draft = dirty || current?.status !== 'draft' ? await save() : current;
    if (!draft) {
      setPublishing(false);
      return null;
    }
    try {
      const published = await publishTemplateVersion(form.code, draft.version, fromPeriod);
      message.success(`Đã áp dụng phiên bản ${published.version} của biểu mẫu từ kỳ ${label}.`);
      await refresh();
      setPublishing(false);
      onClose();
      return null;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'TEMPLATE_INVALID') {
        setFromServer(serverProblems(e.details));
        setPublishing(false);
        setError(e.message);
        return null;
      }
      return errorMessage(e);
    }
  };

  const close = () => {
    if (!dirty) return onClose();
    modal.confirm({
      title: 'Bỏ các thay đổi chưa lưu?',
      content: 'Các thay đổi trên biểu mẫu từ lần lưu trước sẽ mất.',
      okText: 'Bỏ thay đổi',
      cancelText: 'Ở lại sửa tiếp',
      okButtonProps: { danger: true },
      onOk: onClose,
    });
  };

  const heading = current
    ? `Phiên bản ${current.version} — ${current.status === 'draft' ? 'bản nháp' : 'đã áp dụng, chỉ xem'}`
    : `Phiên bản mới (chưa lưu), sao từ phiên bản ${basedOn}`;

  return (
    <Drawer
      open
      size={isNarrow ? '100%' : 880}
      onClose={close}
      destroyOnHidden
      rootClassName="form-editor-drawer"
      data-testid="form-editor"
      title={
        <div>
          <div>{form.name}</div>
          <Typography.Text type="secondary" className="form-editor-subtitle" data-testid="form-editor-heading">
            {heading}
          </Typography.Text>
        </div>
      }
      footer={
        <Space wrap>
          {!readOnly && (
            <>
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={busy}
                disabled={!dirty}
                onClick={() => void saveDraft()}
                data-testid="form-save"
              >
                Lưu bản nháp
              </Button>
              <Button
                icon={<ScheduleOutlined />}
                disabled={busy}
                onClick={() => {
                  setChecked(true);
                  setPublishing(true);
                }}
                data-testid="form-publish"
              >
                Áp dụng từ kỳ…
              </Button>
              {current?.status === 'draft' && (
                <Popconfirm
                  title="Xóa bản nháp này?"
                  description="Mọi thay đổi trong bản nháp sẽ mất."
                  okText="Xóa bản nháp"
                  cancelText="Hủy"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => void remove()}
                >
                  <Button danger icon={<DeleteOutlined />} disabled={busy} data-testid="form-delete">
                    Xóa bản nháp
                  </Button>
                </Popconfirm>
              )}
            </>
          )}
          {canCopy && current?.status === 'published' && (
            <Button type="primary" icon={<CopyOutlined />} onClick={() => onNewFrom(current)} data-testid="form-new-from">
              Tạo phiên bản mới từ phiên bản này
            </Button>
          )}
          <Button onClick={close}>Đóng</Button>
          {dirty && <Typography.Text type="secondary">Có thay đổi chưa lưu.</Typography.Text>}
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} className="form-editor-alert" data-testid="form-error" />}
      {canEdit && elementsQuery.isError && (
        <Alert
          type="warning"
          showIcon
          className="form-editor-alert"
          title={`Không tải được danh mục số liệu: ${errorMessage(elementsQuery.error)}`}
        />
      )}
      <ProblemLines lines={shown.get('form')} />
      {readOnly && current && current.changes.length > 0 && (
        <div className="form-editor-changes" data-testid="form-editor-changes">
          <strong>Thay đổi so với phiên bản trước</strong>
          <ul>
            {current.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}
      <Tabs
        items={[
          {
            key: 'sections',
            label: <span data-testid="form-tab-sections">Phần và chỉ tiêu ({fieldCount})</span>,
            children: <FormSectionsPanel def={def} onChange={edit} readOnly={readOnly} elements={elements} problems={shown} />,
          },
          {
            key: 'rules',
            label: (
              <span data-testid="form-tab-rules">
                Quy tắc kiểm tra ({def.rules.length}){[...shown.keys()].some((k) => k.startsWith('rule:')) ? ' · cần sửa' : ''}
              </span>
            ),
            children: <FormRulesPanel def={def} onChange={edit} readOnly={readOnly} problems={shown} />,
          },
        ]}
      />
      <FormPublishModal
        open={publishing}
        form={form}
        version={current?.status === 'draft' ? current.version : null}
        onPublish={publish}
        onCancel={() => setPublishing(false)}
      />
    </Drawer>
  );
}
