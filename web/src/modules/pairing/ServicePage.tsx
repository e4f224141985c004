import { Form } from "antd";
import type { ColumnsType } from "antd/es/table";
import { Tag } from "antd";
import { serviceApi, type CallData, type CommunityData, type DeedData, type MemberReportData, type VolunteerTeamData } from "../../api/pairing";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n, type I18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { RecordFormButton } from "../../components/RecordForm";
import { useAuth } from "../auth/AuthContext";
import { callBody, hoursFields, serviceFields, teamMemberFields } from "./serviceForms";

type View = "members" | "communities" | "teams" | "deeds" | "calls";
type Row = MemberReportData | CommunityData | VolunteerTeamData | DeedData | CallData;

/** A row's own form (hours served by a member, a person joining a team), for those who manage the service there. */
function rowActions(view: View, i18n: I18n, reload: () => void): ColumnsType<Row> {
  if (view === "members") {
    return [
      {
        key: "actions",
        title: i18n.t("service.field.actions"),
        render: (_: unknown, row: Row) => (
          <RecordFormButton
            small
            title="service.form.logHours"
            button="service.form.logHours"
            testId="service-hours"
            fields={hoursFields}
            send={(body) => serviceApi.logHours((row as MemberReportData).id, { ...body, version: (row as MemberReportData).version } as never)}
            onSaved={reload}
          />
        ),
      },
    ];
  }
  if (view === "teams") {
    return [
      {
        key: "actions",
        title: i18n.t("service.field.actions"),
        render: (_: unknown, row: Row) => (
          <RecordFormButton
            small
            title="service.form.addMember"
            button="service.form.addMember"
            testId="service-team-member"
            fields={teamMemberFields}
            send={(body) => serviceApi.addTeamMember((row as VolunteerTeamData).id, body.personId as number)}
            onSaved={reload}
          />
        ),
      },
    ];
  }
  return [];
}

function columnsOf(view: View, i18n: I18n): ColumnsType<Row> {
  const node = { key: "node", dataIndex: "nodeName", title: i18n.t("service.field.community") };
  if (view === "deeds") {
    return [
      { key: "title", dataIndex: "title", title: i18n.t("service.field.deed") },
      node,
      { key: "beneficiaries", dataIndex: "beneficiaries", title: i18n.t("service.field.beneficiaries"), align: "right" },
      { key: "rating", dataIndex: "rating", title: i18n.t("service.field.rating"), align: "right", render: (rating: number | null) => rating ?? "—" },
      { key: "published", dataIndex: "published", title: i18n.t("service.field.published"), render: (on: boolean) => (on ? <Tag color="green">{i18n.t("service.field.published")}</Tag> : "—"), responsive: ["md"] },
    ];
  }
  if (view === "calls") {
    return [
      { key: "title", dataIndex: "title", title: i18n.t("service.field.call") },
      node,
      { key: "kind", dataIndex: "kind", title: i18n.t("service.field.kind"), responsive: ["md"] },
      {
        key: "shifts",
        title: i18n.t("service.field.shifts"),
        render: (_: unknown, row: Row) => (row as CallData).shifts.map((shift) => `${shift.day} ${shift.slot} ${shift.signedUp}/${shift.capacity}`).join("；"),
      },
    ];
  }
  if (view === "communities") return [node, { key: "organs", dataIndex: "organs", title: i18n.t("service.field.organs"), align: "right" }];
  if (view === "teams") {
    return [
      { key: "name", dataIndex: "name", title: i18n.t("service.field.team") },
      node,
      { key: "focus", dataIndex: "focus", title: i18n.t("service.field.focus"), responsive: ["md"] },
      { key: "members", dataIndex: "members", title: i18n.t("service.field.members"), align: "right" },
    ];
  }
  return [
    { key: "person", dataIndex: "personName", title: i18n.t("service.field.person") },
    node,
    { key: "post", dataIndex: "post", title: i18n.t("service.field.post"), responsive: ["md"] },
    { key: "reported", dataIndex: "reportedOn", title: i18n.t("service.field.reported"), responsive: ["lg"] },
    { key: "hours", dataIndex: "hours", title: i18n.t("service.field.hours"), align: "right" },
  ];
}

/**
 * 党员下沉: members reporting to communities, the communities organ organisations pair with, and volunteer
 * teams. Each view is a list of its own (keyed): moving between tabs, the last tab's rows never meet the
 * next tab's columns while its own load (a deed has no shifts to list).
 */
export default function ServicePage({ view }: { view: View }) {
  return <ServiceList key={view} view={view} />;
}

function ServiceList({ view }: { view: View }) {
  const i18n = useI18n();
  const auth = useAuth();
  const query = useLocation().query;
  const params = { org: positiveInt(query.get("org")), ...pageParams(query) };
  const key = JSON.stringify({ view, ...params });
  const list = useAsync<{ items: readonly Row[]; total: number; page?: number; pageSize?: number }>(
    (signal) => serviceApi[view](params, signal),
    [key],
  );
  const go = (next: Partial<typeof params>) => {
    const merged = { ...params, page: 1, ...next };
    navigate(withQuery(`/service/${view}`, { org: merged.org, ...pagingQuery(merged) }), { replace: true });
  };
  return (
    <ListPage<Row>
      pageTestId={`service-${view}-page`}
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("pairing.field.node")} style={{ minWidth: 220 }}>
            <OrgTreePicker value={params.org ?? null} onChange={(id) => go({ org: id ?? undefined })} />
          </Form.Item>
        </ListFilters>
      }
      actions={
        view !== "communities" && auth.can("service.manage") ? (
          <RecordFormButton
            title={`service.form.new.${view}`}
            button={`service.form.new.${view}`}
            testId={`service-${view}`}
            fields={serviceFields[view]}
            initial={{ nodeId: params.org }}
            send={(body) => (view === "calls" ? serviceApi.createCall(callBody(body) as never) : serviceApi.create[view](body as never))}
            onSaved={list.reload}
          />
        ) : undefined
      }
      list={list}
      columns={auth.can("service.manage") ? [...columnsOf(view, i18n), ...rowActions(view, i18n, list.reload)] : columnsOf(view, i18n)}
      rowKey={view === "communities" ? "nodeId" : "id"}
      testId={`service-${view}-table`}
      empty={i18n.t(`service.${view}.empty`)}
      paging={{ page: params.page, pageSize: params.pageSize, onChange: (page, pageSize) => go({ page, pageSize }) }}
    />
  );
}
