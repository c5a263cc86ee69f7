import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useDocumentTitle } from '../lib/use-document-title.ts';

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

interface SceneProps {
  testId: string;
  title: string;
  description: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

/** A screen: its header (`actions` on the right), then what it shows. */
export function SceneFrame({ testId, title, description, actions, children }: SceneProps) {
  return (
    <div className="scene" data-testid={testId}>
      <SceneHeader title={title} description={description}>
        {actions}
      </SceneHeader>
      {children}
    </div>
  );
}

/** A screen whose browser tab is named after its title. */
export function Scene(props: SceneProps) {
  useDocumentTitle(props.title);
  return <SceneFrame {...props} />;
}
