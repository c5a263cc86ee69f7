import { Descriptions, Table, Typography } from 'antd';
import type { AuditItem } from '../../api/audit.api.ts';
import { diffFields, fieldLabel, showValue, type FieldChange } from './audit-diff.ts';

const KIND_CLASS: Record<FieldChange['kind'], string> = { added: 'diff-added', removed: 'diff-removed', changed: 'diff-changed' };

/** The expanded row of an audit entry: which fields changed, old and new side by side. */
export function AuditDiffPanel({ item }: { item: AuditItem }) {
  const changes = diffFields(item.before, item.after);
  const detail = item.detail && typeof item.detail === 'object' ? Object.entries(item.detail as Record<string, unknown>) : [];
  return (
    <div className="audit-detail" data-testid={`audit-detail-${item.id}`}>
      {changes.length > 0 ? (
        <Table<FieldChange>
          size="small"
          pagination={false}
          rowKey="field"
          dataSource={changes}
          rowClassName={(c) => KIND_CLASS[c.kind]}
          columns={[
            { title: 'Trường', key: 'field', width: 200, render: (_, c) => (c.field ? fieldLabel(c.field) : 'Giá trị') },
            { title: 'Trước', key: 'before', render: (_, c) => <span className="diff-before">{c.before}</span> },
            { title: 'Sau', key: 'after', render: (_, c) => <span className="diff-after">{c.after}</span> },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">Không có thay đổi dữ liệu được ghi cho thao tác này.</Typography.Text>
      )}
      {(detail.length > 0 || item.ip) && (
        <Descriptions size="small" column={2} className="audit-extra" style={{ marginTop: 12 }}>
          {detail.map(([key, value]) => (
            <Descriptions.Item key={key} label={fieldLabel(key)}>
              {showValue(value)}
            </Descriptions.Item>
          ))}
          {item.ip && <Descriptions.Item label="Địa chỉ IP">{item.ip}</Descriptions.Item>}
        </Descriptions>
      )}
    </div>
  );
}
