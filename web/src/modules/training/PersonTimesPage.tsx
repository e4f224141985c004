import { Tag, type TableProps } from "antd";
import { trainingApi, type PersonTimeData } from "../../api/training";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ListPage } from "../../components/ListPage";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";

/** 培训人次: every attendance in the caller's area, by where the attendee sits (the drill of training.personTimes). */
export default function PersonTimesPage() {
  const i18n = useI18n();
  const { query } = useLocation();
  const org = positiveInt(query.get("org"));
  const paging = pageParams(query);
  const list = useAsync((signal) => trainingApi.personTimes({ org, ...paging }, signal), [org, paging.page, paging.pageSize]);
  const columns: NonNullable<TableProps<PersonTimeData>["columns"]> = [
    { key: "name", title: i18n.t("training.person"), dataIndex: "personName" },
    { key: "session", title: i18n.t("training.nav.session"), render: (_: unknown, row: PersonTimeData) => <a href={`#/training/sessions/${row.sessionId}`}>{`#${row.sessionId}`}</a> },
    { key: "method", title: i18n.t("training.method"), render: (_: unknown, row: PersonTimeData) => <Tag>{i18n.t(`training.method.${row.method}`)}</Tag> },
    { key: "at", title: i18n.t("training.time"), render: (_: unknown, row: PersonTimeData) => i18n.dateTime(row.at) },
  ];
  return (
    <ListPage<PersonTimeData>
      pageTestId="training-person-times-page"
      list={list}
      rowKey={(row) => `${row.sessionId}-${row.personId}`}
      columns={columns}
      testId="training-person-times"
      empty={i18n.t("common.noData")}
      paging={{ ...paging, onChange: (page, pageSize) => navigate(withQuery("/training/person-times", { org, ...pagingQuery({ page, pageSize }) })) }}
    />
  );
}
