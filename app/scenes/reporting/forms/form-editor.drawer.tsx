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
  const isNarrow = Grid.useBreakpoint().md === false;
  const { form } = target;
  const basedOn = 'copyOf' in target ? target.copyOf.version : undefined;
  const editor = useFormVersionEditor(target, { canEdit, canReadElements, onClose });
  const { current, def, error, busy, publishing, setPublishing, readOnly, elementsQuery, elements, shown, dirty } = editor;
  const close = useConfirmDiscard(dirty, onClose);

  return (
    <Drawer
      open
      size={isNarrow ? '100%' : 880}
      onClose={close}
      destroyOnHidden
      rootClassName="form-editor-drawer"
      data-testid="form-editor"
      title={<EditorTitle name={form.name} current={current} basedOn={basedOn} />}
      footer={
        <EditorFooter
          readOnly={readOnly}
          busy={busy}
          dirty={dirty}
          current={current}
          canCopy={canCopy}
          onSave={() => void editor.saveDraft()}
          onPublish={editor.askToPublish}
          onRemove={() => void editor.remove()}
          onNewFrom={onNewFrom}
          onClose={close}
        />
      }
    >
      {error && <Alert type="error" showIcon title={error} className="form-editor-alert" data-testid="form-error" />}
      {canEdit && elementsQuery.isError && <ElementsUnavailable error={elementsQuery.error} />}
      <ProblemLines lines={shown.get('form')} />
      {readOnly && current && <VersionChanges changes={current.changes} />}
      <EditorTabs def={def} onChange={editor.edit} readOnly={readOnly} elements={elements} problems={shown} />
      <FormPublishModal
        open={publishing}
        form={form}
        version={current?.status === 'draft' ? current.version : null}
        onPublish={editor.publish}
        onCancel={() => setPublishing(false)}
      />
    </Drawer>
  );
}

/** Save, publish from a period, delete the draft, or start a new version from a published one. */
function EditorFooter({
  readOnly,
  busy,
  dirty,
  current,
  canCopy,
  onSave,
  onPublish,
  onRemove,
  onNewFrom,
  onClose,
}: {
  readOnly: boolean;
  busy: boolean;
  dirty: boolean;
  current: TemplateVersionItem | null;
  canCopy: boolean;
  onSave: () => void;
  onPublish: () => void;
  onRemove: () => void;
  onNewFrom: (version: TemplateVersionItem) => void;
  onClose: () => void;
}) {
  return (
    <Space wrap>
      {!readOnly && (
        <>
          <Button type="primary" icon={<SaveOutlined />} loading={busy} disabled={!dirty} onClick={onSave} data-testid="form-save">
            Lưu bản nháp
          </Button>
          <Button icon={<ScheduleOutlined />} disabled={busy} onClick={onPublish} data-testid="form-publish">
            Áp dụng từ kỳ…
          </Button>
          {current?.status === 'draft' && (
            <Popconfirm
              title="Xóa bản nháp này?"
              description="Mọi thay đổi trong bản nháp sẽ mất."
              okText="Xóa bản nháp"
              cancelText="Hủy"
              okButtonProps={{ danger: true }}
              onConfirm={onRemove}
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
      <Button onClick={onClose}>Đóng</Button>
      {dirty && <Typography.Text type="secondary">Có thay đổi chưa lưu.</Typography.Text>}
    </Space>
  );
}

/** What a version read back changed from the one before it. */
function VersionChanges({ changes }: { changes: string[] }) {
  if (changes.length === 0) return null;
  return (
    <div className="form-editor-changes" data-testid="form-editor-changes">
      <strong>Thay đổi so với phiên bản trước</strong>
      <ul>
        {changes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </div>
  );
}

/** The form's name, and which version is open: a draft, a published one read back, or a copy not yet saved. */
function EditorTitle({ name, current, basedOn }: { name: string; current: TemplateVersionItem | null; basedOn: number | undefined }) {
  const heading = current
    ? `Phiên bản ${current.version} — ${current.status === 'draft' ? 'bản nháp' : 'đã áp dụng, chỉ xem'}`
    : `Phiên bản mới (chưa lưu), sao từ phiên bản ${basedOn}`;
  return (
    <div>
      <div>{name}</div>
      <Typography.Text type="secondary" className="form-editor-subtitle" data-testid="form-editor-heading">
        {heading}
      </Typography.Text>
    </div>
  );
}

/** The sections with their fields, and the rules: each tab says how many, and whether a rule needs fixing. */
function EditorTabs({
  def,
  onChange,
  readOnly,
  elements,
  problems,
}: {
  def: FormDefinition;
  onChange: (next: FormDefinition) => void;
  readOnly: boolean;
  elements: Map<string, FormElement>;
  problems: ReturnType<typeof groupProblems>;
}) {
  const fieldCount = def.sections.reduce((n, s) => n + s.fields.length, 0);
  return (
    <Tabs
      items={[
        {
          key: 'sections',
          label: <span data-testid="form-tab-sections">Phần và chỉ tiêu ({fieldCount})</span>,
          children: <FormSectionsPanel def={def} onChange={onChange} readOnly={readOnly} elements={elements} problems={problems} />,
        },
        {
          key: 'rules',
          label: (
            <span data-testid="form-tab-rules">
              Quy tắc kiểm tra ({def.rules.length}){[...problems.keys()].some((k) => k.startsWith('rule:')) ? ' · cần sửa' : ''}
            </span>
          ),
          children: <FormRulesPanel def={def} onChange={onChange} readOnly={readOnly} problems={problems} />,
        },
      ]}
    />
  );
}

/** Closing with unsaved changes asks first. */
function useConfirmDiscard(dirty: boolean, onClose: () => void) {
  const { modal } = App.useApp();
  return () => {
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
}

/**
 * The data elements (their names under each field), and the problems shown: the live checks once
 * the user asked to save or publish, and the server's verdict on what it was sent.
 */
function useFormProblems(def: FormDefinition, options: { enabled: boolean; live: boolean; fromServer: TemplateProblem[] }) {
  const { enabled, live, fromServer } = options;
  const elementsQuery = useQuery({ ...formElementsQuery(), enabled });
  const elements = useMemo(
    () => new Map<string, FormElement>((elementsQuery.data?.items ?? []).map((e) => [e.code, e])),
    [elementsQuery.data],
  );
  const local = useMemo(
    () => (!live || !elementsQuery.data ? [] : checkTemplateDefinition(def, elements)),
    [live, elementsQuery.data, def, elements],
  );
  const shown = useMemo(() => groupProblems([...local, ...fromServer]), [local, fromServer]);
  return { elementsQuery, elements, shown };
}

function ElementsUnavailable({ error }: { error: unknown }) {
  return <Alert type="warning" showIcon className="form-editor-alert" title={`Không tải được danh mục số liệu: ${errorMessage(error)}`} />;
}

/** After a save, a delete or a publish: the form's versions and everything reporting shows from them. */
function useRefreshVersions(formCode: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: reportTemplateKeys.versions(formCode) }),
      queryClient.invalidateQueries({ queryKey: reportingKeys.all }),
    ]);
}

/**
 * The state of the version being edited and what the drawer does with it: edit (dropping the
 * server's stale verdict), save the draft (checked here first), delete it, publish it from a period.
 */
function useFormVersionEditor(
  target: EditorTarget,
  { canEdit, canReadElements, onClose }: { canEdit: boolean; canReadElements: boolean; onClose: () => void },
) {
  const { message } = App.useApp();
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

  const { elementsQuery, elements, shown } = useFormProblems(def, {
    enabled: canEdit || canReadElements,
    live: !readOnly && checked,
    fromServer,
  });
  const dirty = !readOnly && (saved === null || !sameDefinition(cleanDefinition(def), cleanDefinition(saved)));

  const edit = (next: FormDefinition) => {
    setDef(next);
    // The server's verdict was on the text it was sent; the live checks take over.
    setFromServer([]);
    setError(null);
  };

  const refresh = useRefreshVersions(form.code);

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

  const askToPublish = () => {
    setChecked(true);
    setPublishing(true);
  };

  return {
    current,
    def,
    error,
    busy,
    publishing,
    setPublishing,
    readOnly,
    elementsQuery,
    elements,
    shown,
    dirty,
    edit,
    saveDraft,
    remove,
    publish,
    askToPublish,
  };
}
