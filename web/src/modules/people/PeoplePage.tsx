import { Button, Card, Form, Input, Select, Space, Grid } from "antd";
import { useEffect, useState } from "react";
import type { PersonParams } from "../../api/people";
import { navigate, useLocation, withQuery } from "../../app/router";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n } from "../../i18n";
import { PeopleTable } from "./PeopleTable";

interface FilterForm {
  org?: number | null;
  q?: string;
  post?: string;
  partyMember?: "true" | "false" | "";
}

function positive(value: string | null): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Reads the filters from the URL (#/people?org=3&q=…&page=2) so that a list can be linked and reloaded. */
export function paramsFromQuery(query: URLSearchParams): PersonParams {
  const party = query.get("partyMember");
  return {
    org: positive(query.get("org")),
    q: query.get("q") ?? undefined,
    post: query.get("post") ?? undefined,
    partyMember: party === "true" || party === "false" ? party : undefined,
    page: positive(query.get("page")) ?? 1,
    pageSize: positive(query.get("pageSize")) ?? 20,
  };
}

export default function PeoplePage() {
  const i18n = useI18n();
  const location = useLocation();
  const params = paramsFromQuery(location.query);
  const [form] = Form.useForm<FilterForm>();
  const isMobile = !Grid.useBreakpoint().md;
  const [moreFilters, setMoreFilters] = useState(false);
  // On a phone only the name filter shows until asked (unless other filters are in use).
  const showAll = !isMobile || moreFilters || params.org !== undefined || params.post !== undefined || params.partyMember !== undefined;

  useEffect(() => {
    form.setFieldsValue({ org: params.org ?? null, q: params.q ?? "", post: params.post ?? "", partyMember: params.partyMember ?? "" });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.href]);

  const go = (next: PersonParams) =>
    navigate(
      withQuery("/people", {
        org: next.org,
        q: next.q,
        post: next.post,
        partyMember: next.partyMember,
        page: next.page && next.page > 1 ? next.page : undefined,
        pageSize: next.pageSize && next.pageSize !== 20 ? next.pageSize : undefined,
      }),
      { replace: true },
    );

  const onFinish = (values: FilterForm) =>
    go({
      org: values.org ?? undefined,
      q: values.q?.trim() || undefined,
      post: values.post?.trim() || undefined,
      partyMember: values.partyMember || undefined,
      page: 1,
      pageSize: params.pageSize,
    });

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Card size="small">
        <Form<FilterForm> form={form} layout={isMobile ? "vertical" : "inline"} onFinish={onFinish} style={{ rowGap: 8 }}>
          <Form.Item name="org" label={i18n.t("people.filter.org")} style={{ minWidth: 240, flex: "1 1 240px" }} hidden={!showAll}>
            <OrgTreePicker />
          </Form.Item>
          <Form.Item name="q" label={i18n.t("people.filter.q")}>
            <Input allowClear style={{ width: isMobile ? "100%" : 140 }} />
          </Form.Item>
          <Form.Item name="post" label={i18n.t("people.filter.post")} hidden={!showAll}>
            <Input allowClear style={{ width: isMobile ? "100%" : 140 }} />
          </Form.Item>
          <Form.Item name="partyMember" label={i18n.t("people.filter.partyMember")} hidden={!showAll}>
            <Select
              style={{ width: isMobile ? "100%" : 120 }}
              options={[
                { value: "", label: i18n.t("common.all") },
                { value: "true", label: i18n.t("people.partyMember") },
                { value: "false", label: i18n.t("people.nonPartyMember") },
              ]}
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {i18n.t("common.search")}
              </Button>
              <Button onClick={() => go({ page: 1 })}>{i18n.t("common.reset")}</Button>
              {showAll ? null : (
                <Button type="link" onClick={() => setMoreFilters(true)}>
                  {i18n.t("common.moreFilters")}
                </Button>
              )}
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card size="small">
        <PeopleTable params={params} onPageChange={(page, pageSize) => go({ ...params, page: pageSize !== params.pageSize ? 1 : page, pageSize })} />
      </Card>
    </Space>
  );
}
