import type { PartyOrgData } from "../../api/orgs";

export interface PartyOrgRow extends PartyOrgData {
  children?: PartyOrgRow[];
}

/**
 * Builds the tree of party organisations by parentId. A row whose parent is not in the list (the
 * list is filtered, or the parent lies outside the caller's area) becomes a root. Children are
 * ordered by `compare` on their code.
 */
export function buildPartyOrgTree(items: readonly PartyOrgData[], compare: (a: string, b: string) => number): PartyOrgRow[] {
  const rows = new Map<number, PartyOrgRow>();
  for (const item of items) rows.set(item.id, { ...item });
  const roots: PartyOrgRow[] = [];
  for (const row of rows.values()) {
    const parent = row.parentId !== null && row.parentId !== row.id ? rows.get(row.parentId) : undefined;
    if (parent) (parent.children ??= []).push(row);
    else roots.push(row);
  }
  const sort = (list: PartyOrgRow[]) => {
    list.sort((a, b) => compare(a.code, b.code));
    for (const row of list) if (row.children) sort(row.children);
  };
  sort(roots);
  return roots;
}

/** Every id that has children: what "expand all" opens. */
export function parentIds(rows: readonly PartyOrgRow[]): number[] {
  const out: number[] = [];
  const walk = (list: readonly PartyOrgRow[]) => {
    for (const row of list) {
      if (row.children?.length) {
        out.push(row.id);
        walk(row.children);
      }
    }
  };
  walk(rows);
  return out;
}
