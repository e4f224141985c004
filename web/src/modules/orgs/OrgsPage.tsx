import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Card, Col, Empty, Grid, Row } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { orgsApi } from "../../api/orgs";
import { navigate, withQuery } from "../../app/router";
import { useOrgTree } from "../../components/useOrgTree";
import { useI18n } from "../../i18n";
import { OrgNodeView } from "./OrgNodeView";
import { OrgTreePanel } from "./OrgTreePanel";

function useTreeHeight(offset: number): number {
  const measure = () => Math.max(280, (typeof window === "undefined" ? 800 : window.innerHeight) - offset);
  const [height, setHeight] = useState(measure);
  useEffect(() => {
    const onResize = () => setHeight(measure());
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [offset]);
  return height;
}

/**
 * 组织架构: the tree on the left, the selected node on the right (#/orgs/:id). On a phone the two
 * take turns: the tree, then the node with a way back.
 */
export default function OrgsPage({ selectedId }: { selectedId: number | null }) {
  const i18n = useI18n();
  const screens = Grid.useBreakpoint();
  const isMobile = !screens.md;
  const tree = useOrgTree();
  const treeHeight = useTreeHeight(isMobile ? 200 : 190);
  // A node opened by link (or created just now) that the tree has not loaded: open the tree to it.
  const [revealId, setRevealId] = useState<number | null>(null);
  const firstSelection = useRef(selectedId);

  useEffect(() => {
    if (firstSelection.current !== null) setRevealId(firstSelection.current);
  }, []);

  useEffect(() => {
    if (selectedId !== null && tree.isLoaded("root") && !tree.nodes.has(selectedId)) setRevealId(selectedId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId]);

  const select = useCallback((id: number) => {
    navigate(`/orgs/${id}`);
  }, []);

  const onChanged = useCallback(
    ({ node, affectedParents }: { node: Parameters<typeof tree.upsert>[0]; affectedParents: number[] }) => {
      tree.upsert(node);
      for (const parent of affectedParents) {
        orgsApi
          .get(parent)
          .then((fresh) => tree.upsert(fresh))
          .catch(() => undefined);
        if (tree.isLoaded(parent)) {
          tree.invalidate(parent);
          tree.loadChildren(parent).catch(() => undefined);
        }
      }
    },
    [tree],
  );

  const treePanel = (
    <Card
      size="small"
      styles={{ body: { padding: 8 } }}
      title={i18n.t("nav.orgs")}
      extra={
        // The whole reach, or the subtree of the node opened.
        <Button size="small" href={withQuery("/api/exports/tree.xlsx", { org: selectedId })} data-testid="tree-export-xlsx">
          {i18n.t("export.xlsx")}
        </Button>
      }
    >
      <OrgTreePanel tree={tree} selectedId={selectedId} onSelect={select} height={treeHeight} revealId={revealId} />
    </Card>
  );

  const detail =
    selectedId !== null ? (
      <OrgNodeView id={selectedId} isReachable={(id) => tree.nodes.has(id)} onChanged={onChanged} />
    ) : (
      <Card size="small">
        <Empty description={i18n.t("orgs.selectHint")} />
      </Card>
    );

  if (isMobile) {
    return (
      <div>
        <div style={{ display: selectedId === null ? "block" : "none" }}>{treePanel}</div>
        {selectedId !== null ? (
          <div>
            <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate("/orgs")} style={{ paddingInline: 0, marginBottom: 4 }}>
              {i18n.t("orgs.backToTree")}
            </Button>
            {detail}
          </div>
        ) : null}
      </div>
    );
  }

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="0 0 340px" style={{ minWidth: 0 }}>
        {treePanel}
      </Col>
      <Col flex="1 1 auto" style={{ minWidth: 0 }}>
        {detail}
      </Col>
    </Row>
  );
}
