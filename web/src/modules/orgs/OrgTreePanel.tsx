import { AutoComplete, Button, Empty, Input, Tree, Typography, type TreeDataNode } from "antd";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { NodeKind } from "../../../../shared/permissions";
import { orgsApi, type OrgNodeData } from "../../api/orgs";
import { ErrorAlert } from "../../components/ErrorAlert";
import { KindTag } from "../../components/KindTag";
import { Loading } from "../../components/PageState";
import type { OrgTreeStore, ParentKey } from "../../components/useOrgTree";
import { useI18n } from "../../i18n";

const MORE_PREFIX = "more:";

/** Depth of each kind in the tree, used to order a node's ancestors from the top. */
const level: Record<NodeKind, number> = { city: 0, township: 1, street: 1, village: 2, community: 2, grid: 3, micro_grid: 4 };

type TreeRef = { scrollTo: (options: { key: React.Key; align?: "top" | "bottom" | "auto"; offset?: number }) => void };

export interface OrgTreePanelProps {
  tree: OrgTreeStore;
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** Height of the scrolling tree in px (virtual scrolling needs a fixed height). */
  height: number;
  /** Ask the panel to open the tree down to this node (e.g. after a search or a link). */
  revealId?: number | null;
}

function NodeTitle({ node }: { node: OrgNodeData }) {
  const i18n = useI18n();
  return (
    <span style={{ display: "inline-flex", alignItems: "center", gap: 6, whiteSpace: "nowrap" }} data-node-id={node.id}>
      <span>{node.name}</span>
      <KindTag kind={node.kind} />
      {node.childCount > 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} title={i18n.t("orgs.children", { count: i18n.number(node.childCount) })}>
          {i18n.number(node.childCount)}
        </Typography.Text>
      ) : null}
    </span>
  );
}

/**
 * The organisation tree, opened level by level (/children), searchable (/search), and virtual:
 * only the rows on screen are rendered, so a tree with thousands of open nodes stays fluid.
 */
export function OrgTreePanel({ tree, selectedId, onSelect, height, revealId }: OrgTreePanelProps) {
  const i18n = useI18n();
  const [expanded, setExpanded] = useState<number[]>([]);
  const [rootError, setRootError] = useState<unknown>(null);
  const [rootLoading, setRootLoading] = useState(true);
  const [actionError, setActionError] = useState<unknown>(null);
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<OrgNodeData[]>([]);
  const [searching, setSearching] = useState(false);
  const treeRef = useRef<TreeRef | null>(null);
  const pendingScroll = useRef<number | null>(null);
  const searchSeq = useRef(0);

  const loadRoots = useCallback(() => {
    setRootLoading(true);
    setRootError(null);
    tree
      .loadRoots(true)
      .then((roots) => {
        // A single root (a township cadre's own township) opens by itself.
        const only = roots.ids.length === 1 ? roots.ids[0] : undefined;
        if (only !== undefined) {
          setExpanded((keys) => (keys.includes(only) ? keys : [...keys, only]));
          tree.loadChildren(only).catch(setActionError);
        }
      })
      .catch(setRootError)
      .finally(() => setRootLoading(false));
  }, [tree]);

  useEffect(() => {
    loadRoots();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** Opens the tree down to a node: loads each ancestor's children, expands them, scrolls to it. */
  const reveal = useCallback(
    async (id: number) => {
      setActionError(null);
      try {
        const detail = await orgsApi.get(id);
        tree.upsert(detail);
        const roots = await tree.loadRoots();
        const chain = [...detail.ancestors].sort((a, b) => level[a.kind] - level[b.kind]).map((a) => a.id);
        const start = chain.findIndex((a) => roots.ids.includes(a));
        const path = start >= 0 ? chain.slice(start) : [];
        for (let i = 0; i < path.length; i++) {
          const parent = path[i] as number;
          const child = path[i + 1] ?? id;
          let list = await tree.loadChildren(parent);
          // A big parent is paged: bring pages until the child is in (bounded).
          for (let guard = 0; !list.ids.includes(child) && list.ids.length < list.total && guard < 20; guard++) {
            list = await tree.loadChildren(parent, { more: true });
          }
        }
        setExpanded((keys) => Array.from(new Set([...keys, ...path])));
        pendingScroll.current = id;
        onSelect(id);
      } catch (error) {
        setActionError(error);
      }
    },
    [tree, onSelect],
  );

  useEffect(() => {
    if (revealId != null) void reveal(revealId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revealId]);

  // Search as the user types (debounced); results are picked from the drop-down.
  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResults([]);
      setSearching(false);
      return;
    }
    const seq = ++searchSeq.current;
    setSearching(true);
    const timer = window.setTimeout(() => {
      orgsApi
        .search({ q, limit: 20 })
        .then((found) => {
          if (seq === searchSeq.current) setResults(found.items);
        })
        .catch((error: unknown) => {
          if (seq === searchSeq.current) {
            setResults([]);
            setActionError(error);
          }
        })
        .finally(() => {
          if (seq === searchSeq.current) setSearching(false);
        });
    }, 250);
    return () => window.clearTimeout(timer);
  }, [query]);

  const treeData = useMemo<TreeDataNode[]>(() => {
    const build = (parent: ParentKey): TreeDataNode[] | undefined => {
      const list = tree.children.get(parent);
      if (!list) return undefined;
      const out: TreeDataNode[] = [];
      for (const id of list.ids) {
        const node = tree.nodes.get(id);
        if (!node) continue;
        out.push({
          key: id,
          title: <NodeTitle node={node} />,
          isLeaf: node.childCount === 0,
          children: node.childCount === 0 ? [] : build(id),
        });
      }
      if (list.ids.length < list.total && parent !== "root") {
        out.push({
          key: `${MORE_PREFIX}${parent}`,
          title: (
            <Typography.Link>{i18n.t("common.loadMore", { loaded: i18n.number(list.ids.length), total: i18n.number(list.total) })}</Typography.Link>
          ),
          isLeaf: true,
        });
      }
      return out;
    };
    return build("root") ?? [];
  }, [tree.children, tree.nodes, i18n]);

  // Scroll to a revealed node once it is in the rendered tree.
  useEffect(() => {
    const target = pendingScroll.current;
    if (target === null || !tree.nodes.has(target)) return;
    const handle = window.requestAnimationFrame(() => {
      treeRef.current?.scrollTo({ key: target, align: "auto", offset: 40 });
      pendingScroll.current = null;
    });
    return () => window.cancelAnimationFrame(handle);
  }, [treeData, expanded, tree.nodes]);

  const searchOptions = results.map((node) => ({
    value: String(node.id),
    label: (
      <div style={{ display: "flex", flexDirection: "column", lineHeight: 1.3, padding: "2px 0" }}>
        <span style={{ display: "inline-flex", gap: 6, alignItems: "center" }}>
          {node.name} <KindTag kind={node.kind} />
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
          {i18n.t("orgs.code")}: {node.code}
        </Typography.Text>
      </div>
    ),
  }));

  return (
    <div data-testid="org-tree-panel">
      <AutoComplete
        style={{ width: "100%", marginBottom: 8 }}
        options={searchOptions}
        value={query}
        onChange={(value: string) => setQuery(value)}
        onSelect={(value: string) => {
          setQuery("");
          setResults([]);
          void reveal(Number(value));
        }}
        notFoundContent={query.trim() && !searching ? i18n.t("orgs.noResults") : null}
        popupMatchSelectWidth
      >
        <Input.Search placeholder={i18n.t("orgs.searchPlaceholder")} loading={searching} allowClear data-testid="org-search" />
      </AutoComplete>
      <ErrorAlert error={actionError} />
      {rootLoading && treeData.length === 0 ? (
        <Loading />
      ) : rootError ? (
        <ErrorAlert error={rootError} onRetry={loadRoots} />
      ) : treeData.length === 0 ? (
        <Empty description={i18n.t("orgs.empty")} />
      ) : (
        <Tree
          ref={(instance) => {
            treeRef.current = instance as TreeRef | null;
          }}
          treeData={treeData}
          height={height}
          itemHeight={28}
          virtual
          blockNode
          showLine={{ showLeafIcon: false }}
          expandedKeys={expanded}
          selectedKeys={selectedId !== null ? [selectedId] : []}
          onExpand={(keys) => setExpanded(keys.filter((k): k is number => typeof k === "number"))}
          loadData={async (node) => {
            if (typeof node.key === "number") await tree.loadChildren(node.key).catch(setActionError);
          }}
          onSelect={(_keys, info) => {
            const key = info.node.key;
            if (typeof key === "string" && key.startsWith(MORE_PREFIX)) {
              tree.loadChildren(Number(key.slice(MORE_PREFIX.length)), { more: true }).catch(setActionError);
            } else if (typeof key === "number") {
              onSelect(key);
            }
          }}
          data-testid="org-tree"
        />
      )}
      {/* A retry for the whole tree, e.g. after a structural change elsewhere. */}
      {rootError ? null : (
        <div style={{ textAlign: "right", marginTop: 4 }}>
          <Button size="small" type="link" onClick={loadRoots}>
            {i18n.t("common.refresh")}
          </Button>
        </div>
      )}
    </div>
  );
}
