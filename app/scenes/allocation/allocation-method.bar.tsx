import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Radio, Select, Space, Upload } from 'antd';
import { allocationTemplateUrl, type AllocationBase, type AllocationFileReport, type AllocationMethod } from '../../api/allocation.api.ts';

const BASES: { value: AllocationBase; label: string }[] = [
  { value: 'members', label: 'Số đoàn viên hiện có' },
  { value: 'employers', label: 'Số doanh nghiệp' },
  { value: 'current', label: 'Giá trị hiện tại của chỉ tiêu' },
  { value: 'last_year', label: 'Kết quả năm trước' },
];

/** How the shares are proposed (by a base, equally, by hand) and the Excel template / upload. */
export function AllocationMethodBar(props: {
  targetId: number;
  method: AllocationMethod;
  onMethod: (next: AllocationMethod) => void;
  base: AllocationBase;
  onBase: (next: AllocationBase) => void;
  onFile: (file: File) => Promise<boolean>;
}) {
  const { targetId, method, base } = props;
  return (
    <Space wrap style={{ margin: '12px 0' }}>
      <Radio.Group
        value={method}
        onChange={(e) => props.onMethod(e.target.value)}
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
          onChange={props.onBase}
          options={BASES}
          style={{ minWidth: 240 }}
          aria-label="Cơ sở phân bổ"
          data-testid="allocation-base"
        />
      )}
      <Button icon={<DownloadOutlined />} href={allocationTemplateUrl(targetId, base)}>
        Tải tệp mẫu
      </Button>
      <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={props.onFile}>
        <Button icon={<UploadOutlined />}>Nhập từ Excel</Button>
      </Upload>
    </Space>
  );
}

/** Why an uploaded sheet could not be used, one line a problem. */
export function AllocationFileProblems({ report }: { report: AllocationFileReport | undefined }) {
  if (!report || report.problems.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={`Tệp có ${report.problems.length} lỗi; chưa dùng được:`}
      description={
        <ul>
          {report.problems.map((p) => (
            <li key={`${p.row}-${p.message}`}>{p.message}</li>
          ))}
        </ul>
      }
      data-testid="allocation-file-problems"
    />
  );
}
