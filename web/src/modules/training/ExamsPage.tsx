import { Tag, type TableProps } from "antd";
import { trainingApi, type ExamData } from "../../api/training";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ListPage } from "../../components/ListPage";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery } from "../../lib/query";
import { useAuth } from "../auth/AuthContext";
import { ExamForm } from "./ExamForm";

/** 能力测试: the tests set in the caller's area, each opening its results. */
export default function ExamsPage() {
  const i18n = useI18n();
  const { can } = useAuth();
  const { query } = useLocation();
  const paging = pageParams(query);
  const list = useAsync((signal) => trainingApi.exams(paging, signal), [paging.page, paging.pageSize]);
  const columns: NonNullable<TableProps<ExamData>["columns"]> = [
    {
      key: "title",
      title: i18n.t("training.exam"),
      render: (_: unknown, exam: ExamData) => (
        <>
          <a href={`#/training/exams/${exam.id}`}>{exam.title}</a>
          {exam.makeupOf !== null ? <Tag color="orange" style={{ marginInlineStart: 8 }}>{i18n.t("training.makeupOf")}</Tag> : null}
        </>
      ),
    },
    { key: "node", title: i18n.t("training.node"), dataIndex: "nodeName", responsive: ["md"] },
    { key: "window", title: i18n.t("training.window"), responsive: ["md"], render: (_: unknown, exam: ExamData) => `${i18n.dateTime(exam.opensAt)} – ${i18n.dateTime(exam.closesAt)}` },
    { key: "candidates", title: i18n.t("training.candidates"), align: "right", render: (_: unknown, exam: ExamData) => i18n.number(exam.candidates) },
    { key: "submitted", title: i18n.t("training.submitted"), align: "right", render: (_: unknown, exam: ExamData) => i18n.number(exam.submitted) },
  ];
  return (
    <ListPage<ExamData>
      pageTestId="training-exams-page"
      actions={
        can("training.manage") ? (
          <ExamForm onSaved={list.reload} />
        ) : undefined
      }
      list={list}
      columns={columns}
      testId="training-exams"
      empty={i18n.t("common.noData")}
      paging={{ ...paging, onChange: (page, pageSize) => navigate(withQuery("/training/exams", pagingQuery({ page, pageSize }))) }}
    />
  );
}
