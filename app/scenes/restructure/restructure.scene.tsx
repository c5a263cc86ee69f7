import { FileAddOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, List, Result, Space, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/api-client.ts';
import { applyPlan, orgKeys, PLAN_TEMPLATE_URL, previewPlan, type PlanReport } from '../../api/org.api.ts';
import { confirmAction } from '../../components/confirm-action.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { planConfirmation } from './plan-confirmation.ts';
import { SceneHeader } from '../../components/scene-header.tsx';

const TEMPLATE_HINT =
  'Các cột: Thao tác (Thành lập, Đổi tên, Chuyển, Sáp nhập, Chia tách, Giải thể), Mã đơn vị cũ, Mã đơn vị mới, Tên đơn vị mới, Loại đơn vị, Mã đơn vị cấp trên mới, Ngày hiệu lực.';

/** Upload a plan → read the preview (nothing written) → apply the whole plan in one step. */
export default function RestructureScene() {
  useDocumentTitle('Sắp xếp tổ chức');
  const queryClient = useQueryClient();
  const { modal } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<PlanReport | null>(null);
  const [applied, setApplied] = useState<PlanReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const step = applied ? 2 : preview ? 1 : 0;

  const choose = async (chosen: File) => {
    setFile(chosen);
    setError(null);
    setBusy(true);
    try {
      setPreview(await previewPlan(chosen));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const apply = async () => {
    if (!file || !preview) return;
    // The preview's figures, asked once more: applying redraws the tree from the date and has no undo.
    const confirmed = await confirmAction(modal, { ...planConfirmation(preview), okText: 'Áp dụng kế hoạch' });
    if (!confirmed) return;
    setBusy(true);
    setError(null);
    try {
      setApplied(await applyPlan(file));
      await queryClient.invalidateQueries({ queryKey: orgKeys.all });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const restart = () => {
    setFile(null);
    setPreview(null);
    setApplied(null);
    setError(null);
  };

  return (
    <div className="scene" data-testid="restructure-scene">
      <SceneHeader
        title="Sắp xếp tổ chức"
        description="Thành lập, đổi tên, chuyển, sáp nhập, chia tách, giải thể đơn vị theo một kế hoạch có ngày hiệu lực. Lịch sử trước ngày đó được giữ nguyên."
      >
        <Link to="/co-cau-to-chuc">Về cây tổ chức</Link>
      </SceneHeader>
      <Steps
        current={step}
        items={[{ title: 'Tải kế hoạch' }, { title: 'Xem trước' }, { title: 'Áp dụng' }]}
        style={{ marginBottom: 16 }}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="restructure-error" />}
      {step === 0 && (
        <Card
          extra={
            <Button
              icon={<FileAddOutlined />}
              href={PLAN_TEMPLATE_URL}
              download="mau-ke-hoach-sap-xep.xlsx"
              data-testid="restructure-template"
            >
              Tải tệp mẫu
            </Button>
          }
          title="Tệp kế hoạch"
        >
          <Upload.Dragger
            accept=".xlsx,.csv"
            multiple={false}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(chosen) => {
              void choose(chosen);
              return false;
            }}
            data-testid="restructure-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">Chọn hoặc kéo thả tệp kế hoạch sắp xếp (.xlsx, .csv)</p>
            <p className="ant-upload-hint">{TEMPLATE_HINT}</p>
          </Upload.Dragger>
        </Card>
      )}
      {step === 1 && preview && (
        <Card title={`Xem trước kế hoạch ${file?.name ?? ''}${preview.date ? `, hiệu lực từ ${formatViDate(preview.date)}` : ''}`}>
          <PlanReportView report={preview} />
          <Space style={{ marginTop: 16 }}>
            <Button onClick={restart}>Chọn tệp khác</Button>
            <Button type="primary" disabled={!preview.valid} loading={busy} onClick={() => void apply()} data-testid="restructure-apply">
              Áp dụng kế hoạch
            </Button>
          </Space>
        </Card>
      )}
      {step === 2 && applied && (
        <Result
          status="success"
          title="Đã áp dụng kế hoạch sắp xếp"
          subTitle={`Cây tổ chức từ ngày ${formatViDate(applied.date!)} đã được cập nhật; số liệu trước ngày này vẫn theo cây cũ.`}
          data-testid="restructure-done"
          extra={[
            <Link key="after" to={`/co-cau-to-chuc?ngay=${applied.date}`}>
              Xem cây tổ chức từ ngày {formatViDate(applied.date!)}
            </Link>,
            <Button key="again" onClick={restart}>
              Tải kế hoạch khác
            </Button>,
          ]}
        />
      )}
    </div>
  );
}

function PlanReportView({ report }: { report: PlanReport }) {
  if (!report.valid) {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="restructure-problems"
        title={`Kế hoạch có ${report.problems.length} lỗi, chưa thể áp dụng. Sửa tệp rồi tải lại.`}
        description={
          <ul>
            {report.problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        }
      />
    );
  }
  const ref = (r: { code: string; name: string }) => `${r.name} (${r.code})`;
  return (
    <div data-testid="restructure-preview">
      <Space size="large" wrap style={{ marginBottom: 16 }}>
        <Statistic groupSeparator="." title="Thành lập" value={report.created.length} />
        <Statistic groupSeparator="." title="Sáp nhập" value={report.merged.length} />
        <Statistic groupSeparator="." title="Chia tách" value={report.split.length} />
        <Statistic groupSeparator="." title="Giải thể" value={report.dissolved.length} />
        <Statistic groupSeparator="." title="Chuyển đơn vị cấp trên" value={report.moved.length} />
        <Statistic
          groupSeparator="."
          title="Đoàn viên đổi cấp trên"
          value={report.membersChangingUpper}
          data-testid="restructure-members"
        />
        <Statistic groupSeparator="." title="Doanh nghiệp đổi địa bàn" value={report.employersChangingAreaCount} />
      </Space>
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => `${r.what}-${r.code}`}
        data-testid="restructure-changes"
        columns={[
          { title: 'Thay đổi', dataIndex: 'what' },
          { title: 'Đơn vị', dataIndex: 'unit' },
          { title: 'Kết quả', dataIndex: 'result' },
        ]}
        dataSource={[
          ...report.created.map((c) => ({
            what: 'Thành lập',
            code: c.code,
            unit: `${c.name} (${c.code})`,
            result: `${c.kindLabel}, trực thuộc ${ref(c.parent)}`,
          })),
          ...report.renamed.map((r) => ({ what: 'Đổi tên', code: r.code, unit: `${r.from} (${r.code})`, result: r.to })),
          ...report.merged.map((m) => ({ what: 'Sáp nhập', code: m.code, unit: ref(m), result: `vào ${m.into.map(ref).join(', ')}` })),
          ...report.split.map((m) => ({ what: 'Chia tách', code: m.code, unit: ref(m), result: `thành ${m.into.map(ref).join(', ')}` })),
          ...report.dissolved.map((d) => ({
            what: 'Giải thể',
            code: d.code,
            unit: ref(d),
            result: `đơn vị trực thuộc chuyển về ${ref(d.childrenTo)}`,
          })),
          ...report.moved.map((m) => ({
            what: 'Chuyển',
            code: m.code,
            unit: ref(m),
            result: `từ ${m.from ? ref(m.from) : '—'} về ${ref(m.to)}`,
          })),
        ]}
      />
      {report.unmapped.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            Giao theo mặc định (kế hoạch không nêu riêng)
          </Typography.Title>
          <List
            size="small"
            bordered
            data-testid="restructure-unmapped"
            dataSource={report.unmapped}
            renderItem={(u) => (
              <List.Item>
                {u.name} ({u.code}): {u.message}
              </List.Item>
            )}
          />
        </>
      )}
    </div>
  );
}
