import { Card, Descriptions, Empty, List, Space, Tag } from "antd";
import { cadresApi } from "../../api/training";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { useAuth } from "../auth/AuthContext";
import { PassTag, TopicTag } from "../training/labels";
import { CadreActions } from "./CadreActions";

/** 干部档案: a reserve cadre's record, with the training attended and test scores the training module keeps. */
export default function CadrePage({ id }: { id: number }) {
  const i18n = useI18n();
  const { can } = useAuth();
  const cadre = useAsync((signal) => cadresApi.get(id, signal), [id]);
  if (cadre.error) return <ErrorAlert error={cadre.error} onRetry={cadre.reload} />;
  const c = cadre.data;
  if (!c) return <Loading />;
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="cadre-page">
      <Card size="small" title={c.personName} extra={<Tag color={c.exitedOn ? "default" : "green"}>{i18n.t(c.exitedOn ? "cadres.status.exited" : "cadres.status.active")}</Tag>}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={i18n.t("cadres.age")}>{c.age}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("cadres.education")}>{c.education}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("cadres.node")}>{c.nodeName}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("cadres.post")}>{c.currentPost}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("cadres.strengths")}>{c.strengths || "—"}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("cadres.tutor")}>{c.tutorName ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("cadres.plan")}>{c.developmentPlan || "—"}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("cadres.assessments")}>{c.assessments.map((a) => `${a.year} ${a.grade}`).join("，") || "—"}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("cadres.entered")}>{`${c.enteredOn} · ${c.entryReason}`}</Descriptions.Item>
          {c.exitedOn ? <Descriptions.Item label={i18n.t("cadres.exited")}>{`${c.exitedOn} · ${c.exitReason ?? ""}`}</Descriptions.Item> : null}
        </Descriptions>
        {can("cadre.manage") ? <CadreActions cadre={c} onChanged={cadre.setData} /> : null}
      </Card>
      <Card size="small" title={i18n.t("cadres.training")}>
        <List
          size="small"
          dataSource={c.training}
          locale={{ emptyText: <Empty /> }}
          renderItem={(row) => (
            <List.Item key={row.sessionId}>
              <span>{row.title}</span>
              <Space size={4}>
                <TopicTag topic={row.topic} />
                {i18n.date(row.startsAt)}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={i18n.t("cadres.scores")}>
        <List
          size="small"
          dataSource={c.exams}
          locale={{ emptyText: <Empty /> }}
          renderItem={(row) => (
            <List.Item key={row.examId}>
              <span>{row.title}</span>
              <Space size={4}>
                {row.score ?? "—"}
                <PassTag passed={row.passed} />
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={i18n.t("cadres.moves")}>
        <List
          size="small"
          dataSource={c.moves}
          locale={{ emptyText: <Empty /> }}
          renderItem={(move) => <List.Item key={move.id}>{`${move.movedOn} ${i18n.t(`cadres.move.${move.kind}`)}：${move.fromPost} → ${move.toPost}`}</List.Item>}
        />
      </Card>
    </Space>
  );
}
