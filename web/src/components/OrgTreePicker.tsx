import { TreeSelect, Tag } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import type { NodeKind } from "../../../shared/permissions";
import { orgsApi, type OrgNodeData } from "../api/orgs";
import { kindLabel, useI18n } from "../i18n";
import { useOrgTree } from "./useOrgTree";

export interface OrgTreePickerProps {
  value?: number | null;
  onChange?: (id: number | null, node: OrgNodeData | null) => void;
  /** Only nodes of these kinds can be picked (others still open to reach their children). */
  selectableKinds?: readonly NodeKind[];
  /** Nodes that cannot be picked (e.g. the node being moved). */
  disabledIds?: readonly number[];
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: React.CSSProperties;
  id?: string;
  "aria-label"?: string;
}

interface PickerOption {
  id: number;
  pId: number | 0;
  value: number;
  title: React.ReactNode;
  label: string;
  isLeaf: boolean;
  disabled: boolean;
  selectable: boolean;
}

/**
 * Picks an organisation node: the tree of the caller's scope, opened level by level, and a search
 * box that asks the server (/orgs/search) once two or more characters are typed.
 */
export function OrgTreePicker(props: OrgTreePickerProps) {
  const { value, onChange, selectableKinds, disabledIds, placeholder, allowClear = true, disabled, style, id } = props;
  const i18n = useI18n();
  const tree = useOrgTree();
  const [search, setSearch] = useState("");
  const [results, setResults] = useState<OrgNodeData[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [extra, setExtra] = useState<ReadonlyMap<number, OrgNodeData>>(new Map());
  const searchSeq = useRef(0);

  useEffect(() => {
    tree.loadRoots().catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A value set from outside that is not loaded yet still needs its name.
  useEffect(() => {
    if (value == null || tree.nodes.has(value) || extra.has(value)) return;
    const controller = new AbortController();
    orgsApi
      .get(value, controller.signal)
      .then((node) => setExtra((m) => new Map(m).set(node.id, node)))
      .catch(() => undefined);
    return () => controller.abort();
  }, [value, tree.nodes, extra]);

  useEffect(() => {
    const q = search.trim();
    if (q.length === 0) {
      setResults(null);
      setSearching(false);
      return;
    }
    const seq = ++searchSeq.current;
    setSearching(true);
    const timer = window.setTimeout(() => {
      orgsApi
        .search({ q, limit: 30 })
        .then((found) => {
          if (seq !== searchSeq.current) return;
          setResults(found.items);
          setExtra((m) => {
            const next = new Map(m);
            for (const node of found.items) next.set(node.id, node);
            return next;
          });
        })
        .catch(() => {
          if (seq === searchSeq.current) setResults([]);
        })
        .finally(() => {
          if (seq === searchSeq.current) setSearching(false);
        });
    }, 250);
    return () => window.clearTimeout(timer);
  }, [search]);

  const kinds = useMemo(() => (selectableKinds ? new Set<NodeKind>(selectableKinds) : null), [selectableKinds]);
  const blocked = useMemo(() => new Set(disabledIds ?? []), [disabledIds]);

  const toOption = (node: OrgNodeData, parent: number | 0, flat: boolean): PickerOption => {
    const pickable = (!kinds || kinds.has(node.kind)) && !blocked.has(node.id) && node.retiredAt === null;
    return {
      id: node.id,
      pId: parent,
      value: node.id,
      label: node.name,
      title: (
        <span>
          {node.name}{" "}
          <Tag style={{ marginInlineStart: 4 }} variant="filled">
            {kindLabel(i18n, node.kind)}
          </Tag>
          {flat ? <span style={{ color: "#999", fontSize: 12 }}>{node.code}</span> : null}
        </span>
      ),
      isLeaf: flat || node.childCount === 0,
      disabled: !pickable && flat,
      selectable: pickable,
    };
  };

  const options = useMemo<PickerOption[]>(() => {
    if (results) return results.map((node) => toOption(node, 0, true));
    // Typing, the answer not in yet: an empty list that says it is loading, not the stale tree.
    if (search.trim()) return [];
    const out: PickerOption[] = [];
    const walk = (parent: number | "root") => {
      const list = tree.children.get(parent);
      if (!list) return;
      for (const childId of list.ids) {
        const node = tree.nodes.get(childId);
        if (!node) continue;
        out.push(toOption(node, parent === "root" ? 0 : parent, false));
        walk(childId);
      }
    };
    walk("root");
    // Keep the chosen node in the list so that its name shows.
    if (value != null && !tree.nodes.has(value)) {
      const known = extra.get(value);
      if (known) out.push({ ...toOption(known, 0, true), isLeaf: true });
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [results, search, tree.children, tree.nodes, extra, value, kinds, blocked, i18n]);

  const findNode = (nodeId: number): OrgNodeData | null => tree.nodes.get(nodeId) ?? extra.get(nodeId) ?? null;

  return (
    <TreeSelect<number | null, PickerOption>
      id={id}
      aria-label={props["aria-label"]}
      style={{ width: "100%", ...style }}
      value={value ?? null}
      placeholder={placeholder ?? i18n.t("picker.placeholder")}
      allowClear={allowClear}
      disabled={disabled}
      treeDataSimpleMode={{ id: "id", pId: "pId", rootPId: 0 }}
      treeData={options}
      treeNodeLabelProp="label"
      loadData={async (dataNode) => {
        const nodeId = Number(dataNode.value);
        if (!results && Number.isFinite(nodeId)) await tree.loadChildren(nodeId);
      }}
      showSearch={{
        searchValue: search,
        onSearch: setSearch,
        filterTreeNode: false,
        autoClearSearchValue: true,
      }}
      notFoundContent={searching ? i18n.t("picker.loading") : i18n.t("orgs.noResults")}
      onChange={(next) => {
        const nodeId = typeof next === "number" ? next : null;
        onChange?.(nodeId, nodeId === null ? null : findNode(nodeId));
        setSearch("");
      }}
      listHeight={320}
      virtual
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: "calc(100vw - 16px)", minWidth: 260 } } }}
    />
  );
}
