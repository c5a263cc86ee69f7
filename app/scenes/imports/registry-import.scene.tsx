import { ArrowLeftOutlined, CloudUploadOutlined, ExperimentOutlined, FileExcelOutlined, FileAddOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Space, Spin, Steps, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/api-client.ts';
import { unitQuery } from '../../api/org.api.ts';
import { importFieldsQuery, importTemplateUrl, type ImportField, type ImportRegistry } from '../../api/registry.api.ts';
import { fileSizeLabel } from '../../components/registry/registry-format.ts';
import { useRegistryAccess } from '../../components/registry/registry-permissions.ts';
import { confirmAction } from '../../components/confirm-action.ts';
import { todayIso } from '../../lib/calendar-date.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { UnitPicker } from '../admin/unit-picker.field.tsx';
import { importConfirmation } from './import-confirmation.ts';
import { ImportMappingStep } from './import-mapping.step.tsx';
import { ImportProgress, ImportReport } from './import-report.panel.tsx';
import { IMPORT_SCREENS } from './import-screens.ts';
import { useImportJob } from './use-import-job.ts';
import '../../components/registry/registry.css';
import { SceneHeader } from '../../components/scene-header.tsx';

/**
 * Nhập từ Excel, the same for every registry: choose the unit and the file → Chạy thử (nothing
 * written; counts and the rejected rows) → Nhập chính thức → progress → the same accounting, and
 * the rejected rows to fix. The registry's columns come from the server's import definition.
 */
export default function RegistryImportScene({ registry }: { registry: ImportRegistry }) {
  const screen = IMPORT_SCREENS[registry];
  const fields = useQuery(importFieldsQuery(registry));
  return (
    <div className="scene" data-testid="registry-import-scene" data-registry={registry}>
      {fields.data ? (
        <ImportSteps
          key={registry}
          registry={registry}
          noun={fields.data.noun}
          fields={fields.data.fields}
          unitHint={fields.data.unitHint}
          identity={fields.data.identity}
        />
      ) : fields.isError ? (
        <Alert type="error" showIcon title={errorMessage(fields.error)} data-testid="import-error" />
      ) : (
        <Space>
          <Spin /> <Typography.Text type="secondary">Đang tải các cột của {screen.listName}…</Typography.Text>
        </Space>
      )}
    </div>
  );
}

function ImportSteps({
  registry,
  noun,
  fields,
  unitHint,
  identity,
}: {
  registry: ImportRegistry;
  noun: string;
  fields: ImportField[];
  unitHint: string;
  identity: string;
}) {
  const screen = IMPORT_SCREENS[registry];
  useDocumentTitle(screen.title);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { modal } = App.useApp();
  const { me } = useRegistryAccess();
  const [unitId, setUnitId] = useState<number>();
  const [file, setFile] = useState<File>();
  const { phase, start, reset, setPhase } = useImportJob(registry, fields);
  const chosenUnit = unitId ?? me?.unit.id;
  const busy = phase.kind === 'uploading' || phase.kind === 'running';
  const job = phase.kind === 'running' || phase.kind === 'finished' ? phase.job : undefined;
  const dryRunDone = phase.kind === 'finished' && phase.job.dryRun && phase.job.status === 'done';
  const finalDone = phase.kind === 'finished' && !phase.job.dryRun;
  const [mapping, setMapping] = useState<Record<number, string | null>>();

  /** The dry run's figures, asked once more: the real run writes at once and cannot be taken back. */
  const confirmRun = async (unit: number): Promise<boolean> => {
    if (phase.kind !== 'finished') return false;
    // The picker keeps only the id; the name comes from the tree (cached), the officer's own unit as a fallback.
    const unitName = await queryClient
      .fetchQuery(unitQuery(unit, todayIso()))
      .then((u) => u.name)
      .catch(() => (unit === me?.unit.id ? me.unit.name : 'đơn vị đã chọn'));
    return confirmAction(modal, {
      ...importConfirmation({ dryRun: phase.job, noun, listName: screen.listName, unitName }),
      okText: 'Nhập chính thức',
    });
  };

  const run = async (dryRun: boolean) => {
    if (!file || !chosenUnit) return;
    if (!dryRun && !(await confirmRun(chosenUnit))) return;
    await start(file, chosenUnit, dryRun, mapping);
    if (!dryRun) void queryClient.invalidateQueries({ queryKey: screen.queryKey });
  };

  const current = finalDone ? 3 : job && !job.dryRun ? 2 : dryRunDone ? 2 : file ? 1 : 0;

  return (
    <>
      <SceneHeader title={screen.title} description={<>Tệp .xlsx hoặc .csv, tối đa 200 MB. {identity}</>}>
        <Space>
          <Button
            icon={<FileAddOutlined />}
            href={importTemplateUrl(registry)}
            download={screen.templateFileName}
            data-testid="import-template"
          >
            Tải tệp mẫu
          </Button>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(screen.listPath)} data-testid="import-back">
            {screen.backLabel}
          </Button>
        </Space>
      </SceneHeader>
      <Card>
        <Steps
          className="import-steps"
          current={current}
          items={[{ title: 'Chọn đơn vị và tệp' }, { title: 'Chạy thử' }, { title: 'Nhập chính thức' }, { title: 'Kết quả' }]}
        />
        <Form layout="vertical" disabled={busy} style={{ maxWidth: 720 }}>
          <Form.Item label="Đơn vị nhận dữ liệu" extra={unitHint}>
            {me && (
              <UnitPicker
                value={chosenUnit}
                initialUnit={me.unit}
                onChange={(v) => {
                  setUnitId(v);
                  reset();
                }}
                className="registry-filter-unit"
                data-testid="import-unit"
              />
            )}
          </Form.Item>
          <Form.Item label="Tệp danh sách">
            <Space wrap>
              <Upload
                accept=".xlsx,.csv"
                maxCount={1}
                showUploadList={false}
                beforeUpload={(f) => {
                  setFile(f);
                  setMapping(undefined);
                  reset();
                  return false;
                }}
              >
                <Button icon={<FileExcelOutlined />} data-testid="import-file">
                  Chọn tệp…
                </Button>
              </Upload>
              {file && (
                <span data-testid="import-file-name">
                  {file.name} <span className="cell-muted">({fileSizeLabel(file.size)})</span>
                </span>
              )}
            </Space>
          </Form.Item>
        </Form>
        <Space style={{ marginBottom: 24 }}>
          <Button
            icon={<ExperimentOutlined />}
            disabled={!file || !chosenUnit || busy}
            loading={busy && (job?.dryRun ?? (phase.kind === 'uploading' && phase.dryRun))}
            onClick={() => void run(true)}
            data-testid="import-dry-run"
          >
            Chạy thử
          </Button>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            disabled={!dryRunDone || busy}
            loading={busy && job !== undefined && !job.dryRun}
            onClick={() => void run(false)}
            data-testid="import-run"
          >
            Nhập chính thức
          </Button>
          {finalDone && (
            <Button
              onClick={() => {
                setFile(undefined);
                setMapping(undefined);
                reset();
              }}
              data-testid="import-again"
            >
              Nhập tệp khác
            </Button>
          )}
        </Space>
        {phase.kind === 'error' && <Alert type="error" showIcon title={phase.message} data-testid="import-error" />}
        {phase.kind === 'mapping' && (
          <ImportMappingStep
            fields={fields}
            message={phase.message}
            columns={phase.columns}
            mapping={phase.mapping}
            onChange={(next) => setPhase({ ...phase, mapping: next })}
            onSubmit={() => {
              setMapping(phase.mapping);
              if (file && chosenUnit) void start(file, chosenUnit, true, phase.mapping);
            }}
            onCancel={() => {
              setFile(undefined);
              reset();
            }}
          />
        )}
        {phase.kind === 'running' && <ImportProgress job={phase.job} />}
        {phase.kind === 'finished' && <ImportReport job={phase.job} listName={screen.listName} />}
      </Card>
    </>
  );
}
