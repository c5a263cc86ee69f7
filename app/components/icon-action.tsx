import { Button, Tooltip } from 'antd';
import type { ReactNode } from 'react';

/**
 * A row action shown as an icon only (a text button): its name is both the tooltip a sighted user
 * reads on hover and the label a screen reader says, so the two cannot drift apart.
 */
export function IconAction({
  label,
  icon,
  onClick,
  testId,
  danger,
  size,
  className,
}: {
  label: string;
  icon: ReactNode;
  onClick: () => void;
  testId?: string;
  danger?: boolean;
  size?: 'small';
  className?: string;
}) {
  return (
    <Tooltip title={label}>
      <Button
        type="text"
        size={size}
        danger={danger}
        className={className}
        icon={icon}
        aria-label={label}
        onClick={onClick}
        data-testid={testId}
      />
    </Tooltip>
  );
}
