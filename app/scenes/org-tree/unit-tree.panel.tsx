import { Alert, Button, Empty, Skeleton, Tree, type TreeDataNode } from 'antd';
import { useEffect, useRef, type ComponentRef } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { useElementHeight } from '../../lib/use-element-height.ts';
import { idFromKey, type UnitTreeNode } from './org-tree.model.ts';
import { UnitKindTag, UnitSectorTag } from './unit-kind.tag.tsx';
import type { OrgTreeState } from './use-org-tree.ts';

function UnitTitle({ node }: { node: UnitTreeNode }) {
  const { unit } = node;
  return (
    <span className="tree-node-title" data-testid={`tree-node-${unit.id}`} data-unit-id={unit.id}>
      <span className="tree-node-name" title={unit.name}>
        {unit.name}
      </span>
      <UnitKindTag kind={unit.kind} label={unit.kindLabel} />
      <UnitSectorTag sector={unit.sector} label={unit.sectorLabel} />
      {unit.childCount > 0 && (
        <span className="tree-node-count" title={`${unit.childCount} đơn vị trực thuộc trực tiếp`}>
          {unit.childCount.toLocaleString('vi-VN')}
        </span>
      )}
    </span>
  );
}

/**
 * The lazily loaded tree. Virtual scrolling keeps a commune with a hundred CĐCS (and later
 * provinces with thousands) smooth; it needs a pixel height, measured from the card.
 */
export function UnitTreePanel({ tree, asOf, onShowToday }: { tree: OrgTreeState; asOf: string; onShowToday: () => void }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const treeRef = useRef<ComponentRef<typeof Tree>>(null);
  const height = useElementHeight(containerRef, 480);
  const { scrollRequest } = tree;

  useEffect(() => {
    if (!scrollRequest) return;
    // Wait one frame: the newly expanded rows join the virtual list on the next render.
    const frame = requestAnimationFrame(() => treeRef.current?.scrollTo({ key: scrollRequest.key, align: 'top', offset: 60 }));
    return () => cancelAnimationFrame(frame);
  }, [scrollRequest, tree.treeData]);

  let body;
  if (tree.roots.isPending) {
    body = <Skeleton active paragraph={{ rows: 6 }} />;
  } else if (tree.roots.isError) {
    body = <Alert type="error" showIcon title="Không tải được cây tổ chức" description={errorMessage(tree.roots.error)} />;
  } else if (tree.treeData.length === 0 || tree.treeData.every((node) => node.isLeaf && node.unit.level === 1)) {
    body = (
      <Empty
        data-testid="org-tree-empty"
        description={`Chưa có đơn vị công đoàn trực thuộc nào có hiệu lực vào ngày ${formatViDate(asOf)}. Hãy chọn một ngày khác.`}
      >
        <Button onClick={onShowToday}>Xem cây tổ chức hôm nay</Button>
      </Empty>
    );
  } else {
    body = (
      <Tree<UnitTreeNode & TreeDataNode>
        ref={treeRef}
        data-testid="org-tree"
        blockNode
        showLine={{ showLeafIcon: false }}
        height={height}
        treeData={tree.treeData}
        expandedKeys={tree.expandedKeys}
        loadedKeys={tree.loadedKeys}
        selectedKeys={tree.selectedId ? [`u${tree.selectedId}`] : []}
        expandAction="doubleClick"
        loadData={async (node) => {
          const id = idFromKey(node.key);
          if (id !== undefined) await tree.loadChildren(id);
        }}
        onExpand={(keys) => tree.setExpandedKeys(keys.map(String))}
        onSelect={(keys) => {
          const id = keys[0] === undefined ? undefined : idFromKey(keys[0]);
          // Clicking the selected row again keeps it selected: the details panel never goes blank by accident.
          if (id !== undefined) tree.select(id);
        }}
        titleRender={(node) => <UnitTitle node={node} />}
      />
    );
  }

  return (
    <div ref={containerRef} className="org-tree-container">
      {body}
    </div>
  );
}
