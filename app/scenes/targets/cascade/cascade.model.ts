/** The cascade's flat entries (each with its parent's key) as nested nodes for a tree view. */
import type { CascadeNode } from '../../../api/documents.api.ts';

export interface CascadeTreeNode {
  key: string;
  entry: CascadeNode;
  children: CascadeTreeNode[];
}

export function toTree(entries: readonly CascadeNode[]): CascadeTreeNode[] {
  const nodes = new Map(entries.map((e) => [e.key, { key: e.key, entry: e, children: [] as CascadeTreeNode[] }]));
  const roots: CascadeTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.entry.parentKey ? nodes.get(node.entry.parentKey) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
