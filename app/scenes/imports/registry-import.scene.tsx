import { ArrowLeftOutlined, CloudUploadOutlined, ExperimentOutlined, FileExcelOutlined, FileAddOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Space, Steps, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { memberKeys } from '../../api/members.api.ts';
import { fileSizeLabel } from '../../components/registry/registry-format.ts';
import { useRegistryAccess } from '../../components/registry/registry-permissions.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { UnitPicker } from '../admin/unit-picker.field.tsx';
import { ImportMappingStep } from './import-mapping.step.tsx';
import { ImportProgress, ImportReport } from './import-report.panel.tsx';
import { memberTemplateCsv } from './member-import.model.ts';
import { useImportJob } from './use-import-job.ts';
import '../../components/registry/registry.css';

function downloadTemplate() {
  const url = URL.createObjectURL(new Blob([memberTemplateCsv()], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'mau-danh-sach-doan-vien.csv';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Nhập từ Excel: choose the unit and the file → Chạy thử (nothing written; counts and the
 * rejected rows) → Nhập chính thức → progress → the same accounting, and the rejected rows to fix.
 */
export default function MemberImportScene() {
  useDocumentTitle('Nhập đoàn viên từ Excel');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { me } = useRegistryAccess();
  const [unitId, setUnitId] = useState<number>();
  const [file, setFile] = useState<File>();
  const { phase, start, reset, setPhase } = useImportJob();
  const chosenUnit = unitId ?? me?.unit.id;
  const busy = phase.kind === 'uploading' || phase.kind === 'running';
  const job = phase.kind === 'running' || phase.kind === 'finished' ? phase.job : undefined;
  const dryRunDone = phase.kind === 'finished' && phase.job.dryRun && phase.job.status === 'done';
  const finalDone = phase.kind === 'finished' && !phase.job.dryRun;
  const [mapping, setMapping] = useState<Record<number, string | null>>();

  const run = async (dryRun: boolean) => {
    if (!file || !chosenUnit) return;
    await start(file, chosenUnit, dryRun, mapping);
    if (!dryRun) void queryClient.invalidateQueries({ queryKey: memberKeys.all });
  };

  const current = finalDone ? 3 : job && !job.dryRun ? 2 : dryRunDone ? 2 : file ? 1 : 0;

  return (
    <div className="scene" data-testid="member-import-scene">
      <div className="scene-header">
        <div>
          <h1 className="scene-title">Nhập đoàn viên từ Excel</h1>
          <Typography.Text type="secondary">
            Tệp .xlsx hoặc .csv, tối đa 200 MB. Đoàn viên đã có (cùng số CCCD) được cập nhật, không tạo trùng; nhập lại cùng một tệp không thay đổi gì.
          </Typography.Text>
        </div>
        <Space>
          <Button icon={<FileAddOutlined />} onClick={downloadTemplate} data-testid="import-template">
            Tải tệp mẫu
          </Button>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/doan-vien')}>
            Về danh sách đoàn viên
          </Button>
        </Space>
      </div>
      <Card>
        <Steps
          className="import-steps"
          current={current}
          items={[{ title: 'Chọn đơn vị và tệp' }, { title: 'Chạy thử' }, { title: 'Nhập chính thức' }, { title: 'Kết quả' }]}
        />
        <Form layout="vertical" disabled={busy} style={{ maxWidth: 720 }}>
          <Form.Item label="Đơn vị nhận dữ liệu" extra="Các Mã CĐCS trong tệp phải thuộc đơn vị này. Nếu chọn một công đoàn cơ sở, tệp không cần cột Mã CĐCS.">
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
          <Button icon={<ExperimentOutlined />} disabled={!file || !chosenUnit || busy} loading={busy && (job?.dryRun ?? (phase.kind === 'uploading' && phase.dryRun))} onClick={() => void run(true)} data-testid="import-dry-run">
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
        {phase.kind === 'finished' && <ImportReport job={phase.job} />}
      </Card>
    </div>
  );
}
