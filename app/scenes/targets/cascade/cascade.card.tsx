import { ApartmentOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Tag, Tree, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../api/api-client.ts';
import type { CascadeNode, CascadeResult } from '../../../api/documents.api.ts';
import { documentKindLabel } from '../target-form.model.ts';
import { toTree, type CascadeTreeNode } from './cascade.model.ts';

interface TreeItem {
  key: string;
  title: ReactNode;
  children: TreeItem[];
}

/** One document of the cascade: its symbol, kind and title, a link when it is in the caller's scope. */
function title(e: CascadeNode) {
  const doc = e.document;
  if (!doc)
    return (
      <span data-testid={`cascade-node-${e.linkId}`}>
        <Tag>Chưa có trong hệ thống</Tag>
        {e.symbol}
      </span>
    );
  const label = (
    <span>
      {doc.symbol ? <strong>{doc.symbol}</strong> : null} {documentKindLabel(doc.kind)} — {doc.title}{' '}
      <span className="cell-muted">({doc.issuer.name})</span>
    </span>
  );
  return (
    <span data-testid={`cascade-node-${e.linkId}`}>{doc.isInScope ? <Link to={`/van-ban-chi-tieu/${doc.id}`}>{label}</Link> : label}</span>
  );
}

const treeData = (nodes: CascadeTreeNode[]): TreeItem[] =>
  nodes.map((n) => ({ key: n.key, title: title(n.entry), children: treeData(n.children) }));

/** Sơ đồ thực hiện: what the document implements (up) and what implements it (down). */
export function CascadeCard({ cascade, error }: { cascade: CascadeResult | undefined; error: unknown }) {
  return (
    <Card
      size="small"
      title={
        <span>
          <ApartmentOutlined /> Sơ đồ thực hiện
        </span>
      }
      style={{ marginBottom: 12 }}
      data-testid="cascade"
    >
      {error ? <Alert type="error" title={errorMessage(error)} /> : null}
      {cascade && (
        <div className="cascade-columns">
          <div data-testid="cascade-up">
            <Typography.Title level={5}>Văn bản này thực hiện</Typography.Title>
            {cascade.up.length ? (
              <Tree defaultExpandAll selectable={false} treeData={treeData(toTree(cascade.up))} />
            ) : (
              <Empty description="Chưa liên kết với văn bản cấp trên." />
            )}
          </div>
          <div data-testid="cascade-down">
            <Typography.Title level={5}>Văn bản thực hiện văn bản này</Typography.Title>
            {cascade.down.length ? (
              <Tree defaultExpandAll selectable={false} treeData={treeData(toTree(cascade.down))} />
            ) : (
              <Empty description="Chưa có văn bản nào trong phạm vi của bạn thực hiện văn bản này." />
            )}
          </div>
        </div>
      )}
    </Card>
  );
}
