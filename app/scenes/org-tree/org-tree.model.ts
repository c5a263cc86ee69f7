import type { OrgUnitSummary, UnitRef } from '../../../server/org/org.schema.ts';

/**
 * Pure helpers for the tree browser: keys, node building and display names. Kept free of React
 * so they are unit-tested in node.
 */

export interface UnitTreeNode {
  key: string;
  title: string;
  isLeaf: boolean;
  unit: OrgUnitSummary;
  children?: UnitTreeNode[];
}

export type ChildrenById = ReadonlyMap<number, readonly OrgUnitSummary[]>;

export function unitKey(id: number): string {
  return `u${id}`;
}

export function idFromKey(key: string | number | bigint): number | undefined {
  const match = /^u(\d+)$/.exec(String(key));
  return match ? Number(match[1]) : undefined;
}

/**
 * Within a parent, the server orders units by name. Officers look for the commune and
 * industrial-zone unions first and the CĐCS directly under the province after them, so
 * upper levels come first; the server's order is kept within a level (the sort is stable).
 */
export function orderForTree(items: readonly OrgUnitSummary[]): OrgUnitSummary[] {
  return [...items].sort((a, b) => a.level - b.level);
}

/** The nested nodes antd's Tree wants, from what has been loaded so far (unloaded = no `children`). */
export function buildTreeNodes(units: readonly OrgUnitSummary[], childrenById: ChildrenById): UnitTreeNode[] {
  return units.map((unit) => {
    const loaded = childrenById.get(unit.id);
    const node: UnitTreeNode = { key: unitKey(unit.id), title: unit.name, isLeaf: unit.childCount === 0, unit };
    if (loaded) node.children = buildTreeNodes(loaded, childrenById);
    return node;
  });
}

const SHORT_NAMES: ReadonlyArray<[RegExp, string]> = [
  [/^Tổng Liên đoàn Lao động Việt Nam$/u, 'Tổng LĐLĐ VN'],
  [/^Liên đoàn Lao động /u, 'LĐLĐ '],
  [/^Công đoàn cơ sở /u, 'CĐCS '],
];

/** The abbreviations officers write themselves ("LĐLĐ tỉnh Tây Ninh"), for breadcrumbs that must fit one line. */
export function shortUnitName(name: string): string {
  for (const [pattern, replacement] of SHORT_NAMES) {
    if (pattern.test(name)) return name.replace(pattern, replacement);
  }
  return name;
}

export const PATH_SEPARATOR = ' › ';

export function ancestorPath(ancestors: readonly Pick<UnitRef, 'name'>[]): string {
  return ancestors.map((a) => shortUnitName(a.name)).join(PATH_SEPARATOR);
}

/** Keys to expand so that a unit with these ancestors (root first) becomes visible. */
export function keysToReveal(ancestors: readonly Pick<UnitRef, 'id'>[]): string[] {
  return ancestors.map((a) => unitKey(a.id));
}

export function mergeKeys(current: readonly string[], extra: readonly string[]): string[] {
  const merged = [...current];
  for (const key of extra) if (!merged.includes(key)) merged.push(key);
  return merged;
}
