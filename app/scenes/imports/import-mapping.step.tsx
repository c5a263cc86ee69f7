import { Alert, Button, Select, Space, Table } from 'antd';
import type { ColumnMapping, ImportField } from '../../api/registry.api.ts';
import { duplicateFields, missingRequired, type FileColumn } from './import-mapping.model.ts';

const SKIP = '__skip';

/** For each column of the file, the field it holds (or "Bỏ qua"); then the file is sent again with this mapping. */
export function ImportMappingStep(props: {
  /** The registry's own columns, from GET /api/imports/fields/:registry. */
  fields: readonly ImportField[];
  message: string;
  columns: FileColumn[];
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  const duplicated = duplicateFields(props.mapping, props.fields);
  const missing = missingRequired(props.mapping, props.fields);
  return (
    <div data-testid="import-mapping">
      <Alert type="warning" showIcon title={props.message} description="Chọn trường dữ liệu cho từng cột của tệp, rồi chạy thử lại." />
      <Table<FileColumn>
        rowKey="index"
        size="small"
        pagination={false}
        style={{ margin: '16px 0' }}
        dataSource={props.columns}
        columns={[
          { title: 'Cột', key: 'n', width: 70, render: (_, c) => c.index + 1 },
          { title: 'Tiêu đề trong tệp', dataIndex: 'title', render: (t: string) => t || <em>(trống)</em> },
          {
            title: 'Là trường',
            key: 'field',
            width: 260,
            render: (_, c) => (
              <Select
                style={{ width: 240 }}
                value={props.mapping[c.index] ?? SKIP}
                onChange={(v: string) => props.onChange({ ...props.mapping, [c.index]: v === SKIP ? null : v })}
                options={[
                  { value: SKIP, label: 'Bỏ qua' },
                  ...props.fields.map((f) => ({ value: f.key, label: f.required ? `${f.label} (bắt buộc)` : f.label })),
                ]}
                data-testid={`import-mapping-${c.index}`}
              />
            ),
          },
        ]}
      />
      {duplicated.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={`Mỗi trường chỉ được chọn cho một cột: ${duplicated.join(', ')}.`}
          style={{ marginBottom: 16 }}
        />
      )}
      {missing.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={`Chưa có cột nào là trường bắt buộc: ${missing.join(', ')}.`}
          style={{ marginBottom: 16 }}
          data-testid="import-mapping-missing"
        />
      )}
      <Space>
        <Button type="primary" disabled={duplicated.length > 0} onClick={props.onSubmit} data-testid="import-mapping-submit">
          Chạy thử với cách ghép cột này
        </Button>
        <Button onClick={props.onCancel}>Chọn tệp khác</Button>
      </Space>
    </div>
  );
}
