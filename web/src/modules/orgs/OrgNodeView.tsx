import { PlusOutlined } from "@ant-design/icons";
import { Breadcrumb, Button, Card, Descriptions, Empty, Space, Table, Tabs, Tag, Typography } from "antd";
import { lazy, Suspense, useCallback, useState } from "react";
import { figuresApi } from "../../api/figures";
import { orgsApi, type NodeHistoryEntryData, type OrgNodeData, type OrgNodeDetailData } from "../../api/orgs";
import type { PersonData } from "../../api/people";
import { hrefTo, navigate, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FiguresPanel } from "../../components/FiguresPanel";
import { KindTag } from "../../components/KindTag";
import { Loading, PageError } from "../../components/PageState";
import { actionLabel, useI18n } from "../../i18n";
import { useAuth } from "../auth/AuthContext";
import { PeopleTable } from "../people/PeopleTable";
import { PersonDeleteModal, PersonFormModal } from "../people/PersonForms";
import { NodeActionModal, type NodeAction } from "./NodeActions";

const TrendCard = lazy(() => import("../../components/TrendCard"));

export interface OrgNodeViewProps {
  id: number;
  /** Whether an ancestor is part of the caller's tree (and so can be opened). */
  isReachable: (id: number) => boolean;
  /** Called after a successful change, with the node as it is now and the nodes whose children changed. */
  onChanged: (change: { node: OrgNodeData; affectedParents: number[]; retired?: boolean }) => void;
}

function HistoryTab({ id }: { id: number }) {
  const i18n = useI18n();
  const history = useAsync((signal) => orgsApi.history(id, signal), [id]);
  if (history.error) return <ErrorAlert error={history.error} onRetry={history.reload} />;
  return (
    <Table<NodeHistoryEntryData>
      rowKey="id"
      size="small"
      loading={history.loading}
      dataSource={history.data?.items ?? []}
      locale={{ emptyText: <Empty description={i18n.t("orgs.historyEmpty")} /> }}
      pagination={{ pageSize: 20, hideOnSinglePage: true, size: "small" }}
      scroll={{ x: 640 }}
      columns={[
        { key: "at", dataIndex: "at", title: i18n.t("orgs.history.at"), width: 170, render: (_: unknown, e: NodeHistoryEntryData) => i18n.dateTime(e.at) },
        { key: "action", dataIndex: "action", title: i18n.t("orgs.history.action"), width: 120, render: (_: unknown, e: NodeHistoryEntryData) => <Tag title={e.action}>{actionLabel(i18n, e.action)}</Tag> },
        {
          key: "change",
          title: i18n.t("orgs.history.change"),
          render: (_: unknown, entry: NodeHistoryEntryData) => (
            <Typography.Text code style={{ whiteSpace: "pre-wrap", wordBreak: "break-all", fontSize: 12 }}>
              {JSON.stringify(entry.before ?? null)} → {JSON.stringify(entry.after ?? null)}
            </Typography.Text>
          ),
        },
        { key: "actor", dataIndex: "actorUserId", title: i18n.t("orgs.history.actor"), width: 90 },
      ]}
    />
  );
}

type PersonEditing = { mode: "create" } | { mode: "edit"; person: PersonData } | { mode: "delete"; person: PersonData } | null;

/** The people of a node, with add / edit / delete where the node's and each person's abilities allow. */
function PeopleTab({ node }: { node: OrgNodeDetailData }) {
  const i18n = useI18n();
  const [editing, setEditing] = useState<PersonEditing>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const onEdit = useCallback((person: PersonData) => setEditing({ mode: "edit", person }), []);
  const onDelete = useCallback((person: PersonData) => setEditing({ mode: "delete", person }), []);
  const done = () => {
    setEditing(null);
    setRefreshKey((n) => n + 1);
  };
  return (
    <div>
      <div style={{ display: "flex", flexWrap: "wrap", justifyContent: "space-between", alignItems: "center", gap: 8, marginBottom: 8 }}>
        {node.abilities.managePeople === true && node.retiredAt === null ? (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: "create" })} data-testid="person-create">
            {i18n.t("people.create")}
          </Button>
        ) : (
          <span />
        )}
        <a href={hrefTo(withQuery("/people", { org: node.id }))}>{i18n.t("orgs.peopleAll")}</a>
      </div>
      <PeopleTable org={node.id} pageSize={10} refreshKey={refreshKey} onEdit={onEdit} onDelete={onDelete} />
      {editing?.mode === "create" ? <PersonFormModal defaultNodeId={node.id} onClose={() => setEditing(null)} onSaved={done} /> : null}
      {editing?.mode === "edit" ? <PersonFormModal person={editing.person} onClose={() => setEditing(null)} onSaved={done} /> : null}
      {editing?.mode === "delete" ? <PersonDeleteModal person={editing.person} onClose={() => setEditing(null)} onDeleted={done} /> : null}
    </div>
  );
}

function FiguresTab({ id }: { id: number }) {
  const figures = useAsync((signal) => figuresApi.get(id, signal), [id]);
  if (figures.error) return <ErrorAlert error={figures.error} onRetry={figures.reload} />;
  if (!figures.data) return <Loading />;
  return (
    <>
      <FiguresPanel data={figures.data} showChart={false} />
      <Suspense fallback={<Loading />}>
        <TrendCard org={id} />
      </Suspense>
    </>
  );
}

/** One organisation node: where it sits, its figures, its people, its history, and what may be done to it. */
export function OrgNodeView({ id, isReachable, onChanged }: OrgNodeViewProps) {
  const i18n = useI18n();
  const auth = useAuth();
  const detail = useAsync((signal) => orgsApi.get(id, signal), [id]);
  const [action, setAction] = useState<NodeAction | null>(null);
  const [tab, setTab] = useState("overview");

  if (detail.error && !detail.data) return <PageError error={detail.error} onRetry={detail.reload} />;
  if (!detail.data || detail.data.id !== id) return <Loading />;
  const node: OrgNodeDetailData = detail.data;
  const abilities = node.abilities;

  const ancestors = [...node.ancestors];
  const crumbs = [
    ...ancestors.map((a) => ({
      key: a.id,
      title: isReachable(a.id) ? <a href={hrefTo(`/orgs/${a.id}`)}>{a.name}</a> : <span>{a.name}</span>,
    })),
    { key: node.id, title: <span>{node.name}</span> },
  ];

  const actions: { key: NodeAction; label: string; danger?: boolean }[] = [];
  if (abilities.update === true) actions.push({ key: "rename", label: i18n.t("orgs.rename") });
  if (abilities.createChild === true) actions.push({ key: "addChild", label: i18n.t("orgs.addChild") });
  if (abilities.move === true) actions.push({ key: "move", label: i18n.t("orgs.move") });
  if (abilities.retire === true && node.retiredAt === null) actions.push({ key: "retire", label: i18n.t("orgs.retire"), danger: true });

  const tabs = [
    {
      key: "overview",
      label: i18n.t("orgs.tab.overview"),
      children: (
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
            <Descriptions.Item label={i18n.t("orgs.name")}>{node.name}</Descriptions.Item>
            <Descriptions.Item label={i18n.t("orgs.code")}>
              <Typography.Text code>{node.code}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={i18n.t("orgs.kind")}>
              <KindTag kind={node.kind} />
            </Descriptions.Item>
            <Descriptions.Item label={i18n.t("orgs.path")}>
              {[...node.ancestors.map((a) => a.name), node.name].join(" / ")}
            </Descriptions.Item>
            <Descriptions.Item label={i18n.t("orgs.childCount")}>{i18n.number(node.childCount)}</Descriptions.Item>
          </Descriptions>
          {auth.can("figures.read") ? <FiguresTab id={node.id} /> : null}
        </Space>
      ),
    },
    ...(auth.can("person.read")
      ? [
          {
            key: "people",
            label: i18n.t("orgs.tab.people"),
            children: tab === "people" ? <PeopleTab node={node} /> : null,
          },
        ]
      : []),
    { key: "history", label: i18n.t("orgs.tab.history"), children: tab === "history" ? <HistoryTab id={node.id} /> : null },
  ];

  return (
    <Card size="small" data-testid="org-node-view">
      <Breadcrumb items={crumbs} style={{ marginBottom: 8 }} data-testid="org-breadcrumb" />
      <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 8, marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="org-node-title">
          {node.name}
        </Typography.Title>
        <KindTag kind={node.kind} />
        {node.retiredAt ? <Tag color="default">{i18n.t("orgs.retired")}</Tag> : null}
        <div style={{ flex: 1 }} />
        <Space wrap size={4}>
          {actions.map((a) => (
            <Button key={a.key} size="small" danger={a.danger} onClick={() => setAction(a.key)} data-testid={`org-action-${a.key}`}>
              {a.label}
            </Button>
          ))}
        </Space>
      </div>
      {detail.error ? <ErrorAlert error={detail.error} onRetry={detail.reload} /> : null}
      <Tabs activeKey={tab} onChange={setTab} items={tabs} size="small" />
      {action ? (
        <NodeActionModal
          action={action}
          node={node}
          onClose={() => setAction(null)}
          onReload={() => {
            setAction(null);
            detail.reload();
          }}
          onDone={(result) => {
            setAction(null);
            if (action === "retire") {
              onChanged({ node: result, affectedParents: node.parentId ? [node.parentId] : [], retired: true });
              if (node.parentId && isReachable(node.parentId)) navigate(`/orgs/${node.parentId}`);
              else navigate("/orgs");
              return;
            }
            if (action === "addChild") {
              onChanged({ node: result, affectedParents: [node.id] });
              navigate(`/orgs/${result.id}`);
              return;
            }
            const parents = action === "move" ? [node.parentId, result.parentId].filter((p): p is number => p !== null) : [];
            onChanged({ node: result, affectedParents: parents });
            detail.reload();
          }}
        />
      ) : null}
    </Card>
  );
}
