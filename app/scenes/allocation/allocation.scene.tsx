import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Descriptions, InputNumber, Radio, Select, Space, Spin, Table, Typography, Upload } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { checkAllocation } from '../../../domain/allocation/allocation.ts';
import {
  allocationKeys,
  allocationQuery,
  allocationTemplateUrl,
  applyAllocation,
  uploadAllocation,
  type AllocationBase,
  type AllocationChild,
  type AllocationFileReport,
  type AllocationMethod,
} from '../../api/allocation.api.ts';
import { errorMessage } from '../../api/api-client.ts';
import { progressKeys } from '../../api/progress.api.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import '../../components/registry/registry.css';

const BASES: { value: AllocationBase; label: string }[] = [
  { value: 'members', label: 'Số đoàn viên hiện có' },
  { value: 'employers', label: 'Số doanh nghiệp' },
  { value: 'current', label: 'Giá trị hiện tại của chỉ tiêu' },
  { value: 'last_year', label: 'Kết quả năm trước' },
];
const COMPARATOR_WORDS: Record<string, string> = { '>': 'trên', '>=': 'từ', '=': 'đạt', '<=': 'không quá', '<': 'dưới' };
const fmt = (n: number | null | undefined) =>
  n === null || n === undefined ? 'Chưa có số liệu' : n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });

/**
 * Giao chỉ tiêu: a unit shares its target out to its children — in proportion to a base, equally
 * or by hand, or from an Excel sheet — seeing each child's share and what is left, and is refused
 * (with the numbers) when the shares do not honour its own target.
 */
export default function AllocationScene() {
  const targetId = Number(useParams().targetId);
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [method, setMethod] = useState<AllocationMethod>('proportional');
  const [base, setBase] = useState<AllocationBase>('members');
  const preview = useQuery({
    ...allocationQuery(targetId, base, method === 'manual' ? 'proportional' : method),
    enabled: Number.isInteger(targetId) && targetId > 0,
  });
  const [shares, setShares] = useState<Map<number, number | null>>(new Map());
  const [serverError, setServerError] = useState<string>();
  const [fileReport, setFileReport] = useState<AllocationFileReport>();
  const [saving, setSaving] = useState(false);
  const [allowOver, setAllowOver] = useState(false);
  const data = preview.data;
  useDocumentTitle('Giao chỉ tiêu');

  // A proposal (another base, "chia đều") replaces the shares; typing keeps them as typed.
  useEffect(() => {
    if (data && method !== 'manual') setShares(new Map(data.children.map((c) => [c.unit.id, c.proposed])));
  }, [data, method]);
  const chooseMethod = (next: AllocationMethod) => {
    // "Nhập trực tiếp" starts from what each unit is given today, else from the proposal.
    if (next === 'manual' && data) setShares(new Map(data.children.map((c) => [c.unit.id, c.current ?? c.proposed])));
    setMethod(next);
  };

  const list = useMemo(
    () => (data ? data.children.map((c) => ({ unitId: c.unit.id, value: shares.get(c.unit.id) ?? NaN })) : []),
    [data, shares],
  );
  const check = useMemo(
    () =>
      data
        ? checkAllocation(
            { value: data.target.value, comparator: data.target.comparator, kind: data.target.kind },
            list,
            new Map(data.children.map((c) => [c.unit.id, c.unit.name])),
            { allowOver },
          )
        : null,
    [data, list, allowOver],
  );

  if (preview.isError) return <Alert type="error" showIcon title={errorMessage(preview.error)} />;
  if (!data || !check) return <Spin />;
  const t = data.target;

  const save = () => {
    setServerError(undefined);
    modal.confirm({
      title: `Giao chỉ tiêu cho ${data.children.length} đơn vị trực thuộc?`,
      content: `Mỗi đơn vị sẽ thấy chỉ tiêu được giao trên Tổng quan của mình. Giao lại sau này sẽ ghi phiên bản mới kèm lý do.`,
      okText: 'Giao chỉ tiêu',
      cancelText: 'Hủy',
      onOk: async () => {
        setSaving(true);
        try {
          const result = await applyAllocation(targetId, { method, base, shares: list, allowOver });
          message.success(`Đã giao chỉ tiêu: ${result.created} đơn vị nhận mới, ${result.revised} đơn vị được điều chỉnh.`);
          await Promise.all([
            queryClient.invalidateQueries({ queryKey: allocationKeys.all }),
            queryClient.invalidateQueries({ queryKey: progressKeys.all }),
          ]);
        } catch (error) {
          setServerError(errorMessage(error));
        } finally {
          setSaving(false);
        }
      },
    });
  };

  const onFile = async (file: File) => {
    setServerError(undefined);
    try {
      const report = await uploadAllocation(targetId, file, true);
      setFileReport(report);
      if (report.problems.length === 0) {
        setMethod('manual');
        setShares(new Map(data.children.map((c) => [c.unit.id, report.rows.find((r) => r.unit.id === c.unit.id)?.value ?? 0])));
        message.success(`Đã đọc ${report.rows.length} dòng; kiểm tra rồi bấm "Giao chỉ tiêu".`);
      }
    } catch (error) {
      setServerError(errorMessage(error));
    }
    return false;
  };

  const columns = [
    { title: 'Đơn vị', key: 'unit', render: (_: unknown, c: AllocationChild) => <span data-testid="allocation-unit">{c.unit.name}</span> },
    ...(t.kind === 'count'
      ? [
          {
            title: `Cơ sở (${data.baseLabel})`,
            key: 'base',
            align: 'right' as const,
            render: (_: unknown, c: AllocationChild) => fmt(c.base),
          },
        ]
      : []),
    {
      title: 'Đang được giao',
      key: 'current',
      align: 'right' as const,
      render: (_: unknown, c: AllocationChild) => (c.current === null ? 'Chưa giao' : fmt(c.current)),
    },
    {
      title: 'Giao',
      key: 'share',
      align: 'right' as const,
      width: 180,
      render: (_: unknown, c: AllocationChild) => (
        <InputNumber
          min={0}
          inputMode="decimal"
          style={{ width: '100%' }}
          value={shares.get(c.unit.id) ?? null}
          status={check.problems.some((p) => p.unitId === c.unit.id) ? 'error' : undefined}
          aria-label={`Chỉ tiêu giao cho ${c.unit.name}`}
          data-testid={`allocation-share-${c.unit.code}`}
          onChange={(v) => {
            setMethod('manual');
            setShares(new Map(shares).set(c.unit.id, typeof v === 'number' ? v : null));
          }}
        />
      ),
    },
  ];

  return (
    <div className="scene" data-testid="allocation-scene">
      <div className="scene-header">
        <div>
          <h1 className="scene-title">Giao chỉ tiêu cho đơn vị trực thuộc</h1>
          <Typography.Text type="secondary">{data.rule}</Typography.Text>
        </div>
        <Link to="/tong-quan">Về Tổng quan</Link>
      </div>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'subject', label: 'Chỉ tiêu', children: t.subject || t.indicatorName },
            { key: 'unit', label: 'Đơn vị', children: t.unit.name },
            {
              key: 'value',
              label: 'Mức của đơn vị',
              children: (
                <strong data-testid="allocation-parent-value">
                  {COMPARATOR_WORDS[t.comparator]} {fmt(t.value)}
                </strong>
              ),
            },
            { key: 'document', label: 'Văn bản', children: t.document.symbol ?? t.document.title },
          ]}
        />
      </Card>
      {t.kind === 'count' && (
        <Space wrap style={{ margin: '12px 0' }}>
          <Radio.Group
            value={method}
            onChange={(e) => chooseMethod(e.target.value)}
            optionType="button"
            data-testid="allocation-method"
            options={[
              { value: 'proportional', label: 'Theo tỷ lệ' },
              { value: 'equal', label: 'Chia đều' },
              { value: 'manual', label: 'Nhập trực tiếp' },
            ]}
          />
          {method === 'proportional' && (
            <Select
              value={base}
              onChange={setBase}
              options={BASES}
              style={{ minWidth: 240 }}
              aria-label="Cơ sở phân bổ"
              data-testid="allocation-base"
            />
          )}
          <Button icon={<DownloadOutlined />} href={allocationTemplateUrl(targetId, base)}>
            Tải tệp mẫu
          </Button>
          <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={onFile}>
            <Button icon={<UploadOutlined />}>Nhập từ Excel</Button>
          </Upload>
        </Space>
      )}
      {fileReport && fileReport.problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={`Tệp có ${fileReport.problems.length} lỗi; chưa dùng được:`}
          description={
            <ul>
              {fileReport.problems.map((p) => (
                <li key={`${p.row}-${p.message}`}>{p.message}</li>
              ))}
            </ul>
          }
          data-testid="allocation-file-problems"
        />
      )}
      <Table
        rowKey={(c) => c.unit.id}
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={data.children}
        columns={columns}
        data-testid="allocation-table"
      />
      <Card size="small" style={{ marginTop: 12 }}>
        <Space wrap size="large">
          <span>
            Tổng giao: <strong data-testid="allocation-sum">{fmt(check.sum)}</strong>
          </span>
          {t.kind === 'count' && (
            <span>
              Còn lại: <strong data-testid="allocation-remainder">{fmt(check.remainder)}</strong>
            </span>
          )}
          {t.kind === 'count' && t.comparator !== '<' && t.comparator !== '<=' && (
            <Checkbox checked={allowOver} onChange={(e) => setAllowOver(e.target.checked)} data-testid="allocation-allow-over">
              Cho phép giao vượt
            </Checkbox>
          )}
        </Space>
        {check.problems.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 8 }}
            data-testid="allocation-problems"
            title={check.problems.map((p) => p.message).join(' ')}
          />
        )}
        {serverError && <Alert type="error" showIcon style={{ marginTop: 8 }} data-testid="allocation-error" title={serverError} />}
        <div style={{ marginTop: 12 }}>
          <Button type="primary" loading={saving} onClick={save} data-testid="allocation-save">
            Giao chỉ tiêu
          </Button>
        </div>
      </Card>
    </div>
  );
}
