import { Form, Select, Switch, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { pairingPosts } from "../../../../shared/schemas/pairing";
import { pairingApi, type PairingData, type PairingParams } from "../../api/pairing";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { oneOf } from "./common";

/** 结对关系: who is paired with which household or village, with the history of reassignments when asked. */
export default function PairingsPage() {
  const i18n = useI18n();
  const query = useLocation().query;
  const params: PairingParams & { page: number; pageSize: number } = {
    org: positiveInt(query.get("org")),
    household: positiveInt(query.get("household")),
    post: oneOf(pairingPosts, query.get("post")),
    target: oneOf(["household", "village"] as const, query.get("target")),
    history: query.get("history") === "true" ? "true" : undefined,
    due: query.get("due") === "true" ? "true" : undefined,
    ...pageParams(query),
  };
  const key = JSON.stringify(params);
  const list = useAsync((signal) => pairingApi.pairings(params, signal), [key]);
  const go = (next: Partial<PairingParams>) => {
    const merged = { ...params, page: 1, ...next };
    navigate(withQuery("/pairing/pairings", { ...merged, ...pagingQuery(merged) }), { replace: true });
  };
  const columns: ColumnsType<PairingData> = [
    { key: "person", dataIndex: "personName", title: i18n.t("pairing.field.person") },
    { key: "post", title: i18n.t("pairing.field.post"), render: (_: unknown, row) => i18n.t(`pairing.post.${row.post}`), responsive: ["md"] },
    { key: "target", title: i18n.t("pairing.field.target"), render: (_: unknown, row) => row.householdCode ?? <Tag>{i18n.t("pairing.target.village")}</Tag> },
    { key: "node", dataIndex: "nodeName", title: i18n.t("pairing.field.node"), responsive: ["md"] },
    { key: "started", dataIndex: "startedOn", title: i18n.t("pairing.field.started"), responsive: ["lg"] },
    { key: "ended", title: i18n.t("pairing.field.ended"), render: (_: unknown, row) => (row.endedOn ? `${row.endedOn} · ${row.endReason ?? ""}` : "—"), responsive: ["lg"] },
    { key: "last", title: i18n.t("pairing.field.lastVisit"), render: (_: unknown, row) => row.lastVisitOn ?? i18n.t("pairing.mine.never") },
  ];
  return (
    <ListPage<PairingData>
      pageTestId="pairings-page"
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("pairing.field.node")} style={{ minWidth: 220 }}>
            <OrgTreePicker value={params.org ?? null} onChange={(id) => go({ org: id ?? undefined })} />
          </Form.Item>
          <Form.Item label={i18n.t("pairing.field.post")}>
            <Select allowClear value={params.post} onChange={(post) => go({ post })} options={pairingPosts.map((post) => ({ value: post, label: i18n.t(`pairing.post.${post}`) }))} style={{ minWidth: 140 }} />
          </Form.Item>
          <Form.Item label={i18n.t("pairing.field.target")}>
            <Select
              allowClear
              value={params.target}
              onChange={(target) => go({ target })}
              options={(["household", "village"] as const).map((target) => ({ value: target, label: i18n.t(`pairing.target.${target}`) }))}
              style={{ minWidth: 120 }}
            />
          </Form.Item>
          <Form.Item label={i18n.t("pairing.mine.due")}>
            <Switch checked={params.due === "true"} onChange={(on) => go({ due: on ? "true" : undefined })} data-testid="pairings-due" />
          </Form.Item>
          <Form.Item label={i18n.t("pairing.field.history")}>
            <Switch checked={params.history === "true"} onChange={(on) => go({ history: on ? "true" : undefined })} />
          </Form.Item>
        </ListFilters>
      }
      list={list}
      columns={columns}
      testId="pairings-table"
      empty={i18n.t("pairing.pairings.empty")}
      paging={{ page: params.page, pageSize: params.pageSize, onChange: (page, pageSize) => go({ page, pageSize } as Partial<PairingParams>) }}
    />
  );
}
