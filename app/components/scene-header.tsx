import { Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * The head of a screen: its title and one line under it saying what the screen is for, with the
 * screen's buttons or links (`children`) on the right.
 */
export function SceneHeader({ title, description, children }: { title: ReactNode; description: ReactNode; children?: ReactNode }) {
  return (
    <div className="scene-header">
      <div>
        <h1 className="scene-title">{title}</h1>
        <Typography.Text type="secondary">{description}</Typography.Text>
      </div>
      {children}
    </div>
  );
}
