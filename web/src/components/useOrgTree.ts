import { useCallback, useMemo, useRef, useState } from "react";
import { orgsApi, type OrgNodeData } from "../api/orgs";

/** How many children one request brings; the server allows up to 1000. */
export const CHILD_PAGE = 500;

export type ParentKey = number | "root";

export interface ChildList {
  ids: number[];
  total: number;
}

export interface OrgTreeState {
  nodes: ReadonlyMap<number, OrgNodeData>;
  children: ReadonlyMap<ParentKey, ChildList>;
}

export interface OrgTreeStore extends OrgTreeState {
  /** Loads the caller's topmost nodes (once; again with force). */
  loadRoots: (force?: boolean) => Promise<ChildList>;
  /** Loads the first page of a node's children, or the next page with `more`. */
  loadChildren: (id: number, options?: { more?: boolean; force?: boolean }) => Promise<ChildList>;
  /** Puts a node (e.g. after a save) into the store. */
  upsert: (node: OrgNodeData) => void;
  /** Forgets a node's children so they load again when next needed. */
  invalidate: (id: ParentKey) => void;
  isLoaded: (id: ParentKey) => boolean;
}

/**
 * The part of the organisation tree the user has opened, loaded level by level through
 * /orgs/roots and /orgs/:id/children, and kept as flat maps so that thousands of nodes stay cheap.
 */
export function useOrgTree(): OrgTreeStore {
  const [state, setState] = useState<OrgTreeState>({ nodes: new Map(), children: new Map() });
  const inFlight = useRef(new Map<string, Promise<ChildList>>());
  /** What has been loaded, updated at once (state updates land later). */
  const loaded = useRef(new Map<ParentKey, ChildList>());

  const store = useCallback((parent: ParentKey, items: OrgNodeData[], total: number, append: boolean): ChildList => {
    const before = append ? loaded.current.get(parent)?.ids ?? [] : [];
    const seen = new Set(before);
    const list: ChildList = { ids: [...before, ...items.map((item) => item.id).filter((id) => !seen.has(id))], total };
    loaded.current.set(parent, list);
    setState((previous) => {
      const nodes = new Map(previous.nodes);
      for (const item of items) nodes.set(item.id, item);
      const children = new Map(previous.children);
      children.set(parent, list);
      return { nodes, children };
    });
    return list;
  }, []);

  const once = useCallback((key: string, run: () => Promise<ChildList>): Promise<ChildList> => {
    const pending = inFlight.current.get(key);
    if (pending) return pending;
    const promise = run().finally(() => inFlight.current.delete(key));
    inFlight.current.set(key, promise);
    return promise;
  }, []);

  const loadRoots = useCallback(
    (force = false) => {
      const existing = loaded.current.get("root");
      if (existing && !force) return Promise.resolve(existing);
      return once("root", async () => {
        const result = await orgsApi.roots();
        return store("root", result.items, result.total, false);
      });
    },
    [once, store],
  );

  const loadChildren = useCallback(
    (id: number, options: { more?: boolean; force?: boolean } = {}) => {
      const existing = loaded.current.get(id);
      if (existing && !options.more && !options.force) return Promise.resolve(existing);
      const offset = options.more && existing ? existing.ids.length : 0;
      return once(`${id}:${offset}`, async () => {
        const result = await orgsApi.children(id, { limit: CHILD_PAGE, offset });
        return store(id, result.items, result.total, offset > 0);
      });
    },
    [once, store],
  );

  const upsert = useCallback((node: OrgNodeData) => {
    setState((previous) => {
      const nodes = new Map(previous.nodes);
      nodes.set(node.id, node);
      return { nodes, children: previous.children };
    });
  }, []);

  const invalidate = useCallback((id: ParentKey) => {
    loaded.current.delete(id);
    setState((previous) => {
      if (!previous.children.has(id)) return previous;
      const children = new Map(previous.children);
      children.delete(id);
      return { nodes: previous.nodes, children };
    });
  }, []);

  const isLoaded = useCallback((id: ParentKey) => loaded.current.has(id), []);

  return useMemo(
    () => ({ ...state, loadRoots, loadChildren, upsert, invalidate, isLoaded }),
    [state, loadRoots, loadChildren, upsert, invalidate, isLoaded],
  );
}
