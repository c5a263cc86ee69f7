import { Descriptions, Table, Typography } from 'antd';
import type { AuditItem } from '../../api/audit.api.ts';
import { detailEntries, diffFields, fieldLabel, type AuditNameContext, type FieldChange } from './audit-diff.ts';

const KIND_CLASS: Record<FieldChange['kind'], string> = { added: 'diff-added', removed: 'diff-removed', changed: 'diff-changed' };

/** The expanded row of an audit entry: which fields changed, by their Vietnamese names, old → new. */
export function AuditDiffPanel({ item, names }: { item: AuditItem; names: AuditNameContext }) {
  const changes = diffFields(item.before, item.after, names);
  const detail = detailEntries(item.detail, names);
  return (
    <div className="audit-detail" data-testid={`audit-detail-${item.id}`}>
      {changes.length > 0 ? (
        <Table<FieldChange>
          size="small"
          pagination={false}
          rowKey="field"
          dataSource={changes}
          rowClassName={(c) => KIND_CLASS[c.kind]}
          onRow={(c) => ({ 'data-testid': 'audit-change', 'data-field': c.field }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: 'Thông tin', key: 'field', width: 260, render: (_, c) => (c.field ? fieldLabel(c.field, names) : 'Giá trị') },
            { title: 'Trước', key: 'before', render: (_, c) => <span className="diff-before">{c.before}</span> },
            { title: 'Sau', key: 'after', render: (_, c) => <span className="diff-after">{c.after}</span> },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">Không có thay đổi dữ liệu được ghi cho thao tác này.</Typography.Text>
      )}
      {(detail.length > 0 || item.ip) && (
        <Descriptions size="small" column={2} className="audit-extra" style={{ marginTop: 12 }}>
          {detail.map((d) => (
            <Descriptions.Item key={d.field} label={d.label}>
              {d.value}
            </Descriptions.Item>
          ))}
          {item.ip && <Descriptions.Item label="Địa chỉ IP">{item.ip}</Descriptions.Item>}
        </Descriptions>
      )}
    </div>
  );
}
