import { Alert, Button, Descriptions, Drawer, Empty, Form, Grid, List, Space, Tag, Typography, type TableProps } from "antd";
import { peopleApi, type HouseholdData } from "../../api/people";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import type { FilterTag } from "../../components/FilterTags";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { Loading } from "../../components/PageState";
import { useOrgNode } from "../../components/useOrgNode";
import { useI18n } from "../../i18n";
import { PhoneCard } from "../field/PhoneCard";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";

interface HouseholdsParams {
  org?: number;
  page: number;
  pageSize: number;
  /** The household open in the drawer. */
  open?: number;
}

function hrefOf(params: HouseholdsParams): string {
  return withQuery("/households", {
    org: params.org,
    ...pagingQuery(params),
    open: params.open,
  });
}

/** One household: its place and its members' names and relations, nothing more. */
function HouseholdDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const i18n = useI18n();
  const isMobile = !Grid.useBreakpoint().md;
  const detail = useAsync((signal) => peopleApi.household(id, signal), [id]);
  const household = detail.data;
  return (
    <Drawer
      open
      onClose={onClose}
      title={household ? `${i18n.t("households.detail")} · ${household.code}` : i18n.t("households.detail")}
      size={isMobile ? "100%" : 420}
      data-testid="household-drawer"
    >
      {detail.error ? <ErrorAlert error={detail.error} onRetry={detail.reload} /> : null}
      {!household ? (
        detail.error ? null : <Loading />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={i18n.t("households.code")}>
              <Typography.Text code>{household.code}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={i18n.t("households.node")}>{household.nodeName}</Descriptions.Item>
            <Descriptions.Item label={i18n.t("households.address")}>{household.address}</Descriptions.Item>
            <Descriptions.Item label={i18n.t("households.memberCount")}>{i18n.number(household.memberCount)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {i18n.t("households.members")}
          </Typography.Title>
          <List
            size="small"
            bordered
            dataSource={household.members ?? []}
            locale={{ emptyText: <Empty description={i18n.t("households.noMembers")} /> }}
            renderItem={(member) => (
              <List.Item key={member.personId} data-testid="household-member">
                <span>{member.name}</span>
                <Tag style={{ marginInlineEnd: 0 }}>{member.relation}</Tag>
              </List.Item>
            )}
          />
          <Alert type="info" showIcon title={i18n.t("households.privacy")} />
        </Space>
      )}
    </Drawer>
  );
}

/** 住户: the households of the caller's area or of one node, paged, each opening its members. */
export default function HouseholdsPage() {
  const i18n = useI18n();
  const location = useLocation();
  const params: HouseholdsParams = {
    org: positiveInt(location.query.get("org")),
    open: positiveInt(location.query.get("open")),
    ...pageParams(location.query),
  };
  const node = useOrgNode(params.org);
  const listKey = JSON.stringify({ org: params.org, page: params.page, pageSize: params.pageSize });
  const list = useAsync((signal) => peopleApi.households({ org: params.org, page: params.page, pageSize: params.pageSize }, signal), [listKey]);

  const go = (next: Partial<HouseholdsParams>, replace = true) => navigate(hrefOf({ ...params, ...next }), { replace });

  const columns: NonNullable<TableProps<HouseholdData>["columns"]> = [
    {
      key: "code",
      title: i18n.t("households.code"),
      width: 190,
      render: (_: unknown, h: HouseholdData) => (
        <Typography.Link onClick={() => go({ open: h.id }, false)} data-testid="household-open">
          {h.code}
        </Typography.Link>
      ),
    },
    { key: "node", dataIndex: "nodeName", title: i18n.t("households.node"), width: 200 },
    { key: "address", dataIndex: "address", title: i18n.t("households.address"), responsive: ["md"] },
    { key: "members", dataIndex: "memberCount", title: i18n.t("households.memberCount"), width: 72, align: "right", render: (n: number) => i18n.number(n) },
    {
      key: "actions",
      title: i18n.t("common.actions"),
      width: 72,
      render: (_: unknown, h: HouseholdData) => (
        <Button size="small" type="link" onClick={() => go({ open: h.id }, false)} style={{ paddingInline: 0 }}>
          {i18n.t("common.view")}
        </Button>
      ),
    },
  ];

  const tags: FilterTag[] = [];
  if (params.org !== undefined) {
    tags.push({
      key: "org",
      label: i18n.t("common.filterTag", { label: i18n.t("people.filter.org"), value: node.data?.name ?? "…" }),
      onRemove: () => go({ org: undefined, page: 1, open: undefined }),
    });
  }

  return (
    <ListPage<HouseholdData>
      pageTestId="households-page"
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("people.filter.org")} style={{ minWidth: 240, flex: "1 1 320px", marginInlineEnd: 0 }}>
            <OrgTreePicker value={params.org ?? null} onChange={(id) => go({ org: id ?? undefined, page: 1, open: undefined })} />
          </Form.Item>
        </ListFilters>
      }
      tags={tags}
      list={list}
      otherError={node.error}
      columns={columns}
      card={(h) => (
        <PhoneCard
          testId="household-card"
          recordId={h.id}
          title={
            <Typography.Link onClick={() => go({ open: h.id }, false)} data-testid="household-open">
              {h.code}
            </Typography.Link>
          }
          body={h.address}
          place={h.nodeName}
          when={`${i18n.t("households.memberCount")} ${i18n.number(h.memberCount)}`}
        />
      )}
      testId="households-table"
      empty={i18n.t("households.empty")}
      paging={{ page: params.page, pageSize: params.pageSize, onChange: (page, pageSize) => go({ page, pageSize }) }}
    >
      {params.open !== undefined ? <HouseholdDrawer id={params.open} onClose={() => go({ open: undefined })} /> : null}
    </ListPage>
  );
}
