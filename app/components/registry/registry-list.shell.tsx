import { SearchOutlined } from '@ant-design/icons';
import { Card, Input, Space, Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * The frame every registry list shares (Doanh nghiệp, Công đoàn cơ sở, Đoàn viên, Thỏa ước,
 * Tài khoản): title and one-line description with the screen's buttons, an optional strip
 * under them, then one card holding the filter bar and the table; drawers and modals follow.
 */
export function RegistryListShell({
  testId,
  title,
  description,
  actions,
  above,
  filters,
  filtersClassName = 'registry-filters',
  table,
  children,
}: {
  testId: string;
  title: string;
  description: ReactNode;
  actions?: ReactNode;
  above?: ReactNode;
  filters: ReactNode;
  /** The Quản trị pages keep their own filter-bar class (admin.css). */
  filtersClassName?: string;
  table: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="scene" data-testid={testId}>
      <div className="scene-header">
        <div>
          <h1 className="scene-title">{title}</h1>
          <Typography.Text type="secondary">{description}</Typography.Text>
        </div>
        {actions}
      </div>
      {above}
      <Card>
        <Space wrap className={filtersClassName}>
          {filters}
        </Space>
        {table}
      </Card>
      {children}
    </div>
  );
}

/** The free-text search at the head of a filter bar. */
export function SearchFilter({
  placeholder,
  value,
  onChange,
  width,
  testId,
}: {
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  width: number;
  testId: string;
}) {
  return (
    <Input
      allowClear
      prefix={<SearchOutlined />}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      style={{ width }}
      data-testid={testId}
    />
  );
}
