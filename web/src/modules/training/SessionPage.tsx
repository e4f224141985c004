import { Alert, Button, Card, Descriptions, Empty, Input, List, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { trainingApi } from "../../api/training";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { RecordFormButton } from "../../components/RecordForm";
import { TopicTag } from "./labels";
import { rosterFields } from "./recordForms";

/** How often the organiser's screen asks for a fresh code and for who has come. */
const REFRESH_MS = 5_000;

/** The organiser's screen: the QR code, renewed each minute, and attendance as it comes in. */
function CheckInBoard({ id }: { id: number }) {
  const i18n = useI18n();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, []);
  const code = useAsync((signal) => trainingApi.checkInCode(id, signal), [id, Math.floor(tick / 6)]);
  const attendance = useAsync((signal) => trainingApi.attendance(id, signal), [id, tick]);
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Card size="small" title={i18n.t("training.qr")}>
        {code.data ? (
          <Space orientation="vertical" align="center" style={{ width: "100%" }}>
            {/* As an image, so the server's SVG can never run as markup. */}
            <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.data.qrSvg)}`} alt={i18n.t("training.qr")} style={{ width: 240, maxWidth: "100%" }} data-testid="check-in-qr" />
            <Typography.Text type="secondary">{i18n.t("training.qrHint")}</Typography.Text>
          </Space>
        ) : code.error ? (
          <Alert type="info" showIcon title={i18n.t("training.qrClosed")} />
        ) : (
          <Loading />
        )}
      </Card>
      <Card size="small" title={`${i18n.t("training.liveAttendance")}（${attendance.data?.total ?? "…"}）`}>
        <List
          size="small"
          dataSource={attendance.data?.items ?? []}
          locale={{ emptyText: <Empty /> }}
          renderItem={(row) => (
            <List.Item key={row.personId} data-testid="attendee">
              <span>{row.personName}</span>
              <Space size={4}>
                <Tag>{i18n.t(`training.method.${row.method}`)}</Tag>
                <Typography.Text type="secondary">{i18n.dateTime(row.at)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}

/** 培训详情: the session, its teachers and leave; the QR code and live attendance for its organiser; a leave request for an attendee. */
export default function SessionPage({ id }: { id: number }) {
  const i18n = useI18n();
  const session = useAsync((signal) => trainingApi.session(id, signal), [id]);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  if (session.error) return <ErrorAlert error={session.error} onRetry={session.reload} />;
  const data = session.data;
  if (!data) return <Loading />;
  const act = async (run: () => Promise<unknown>) => {
    setError(null);
    try {
      await run();
      session.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="training-session-page">
      <Card
        size="small"
        title={data.title}
        extra={
          <Space>
            <TopicTag topic={data.topic} />
            {data.abilities.manage ? (
              <RecordFormButton small title="training.new.roster" button="training.new.roster" testId="roster" fields={rosterFields} send={(body) => trainingApi.tickRoster(id, body as never)} onSaved={session.reload} />
            ) : null}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={i18n.t("training.classroom")}>{data.classroomName}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("training.form")}>{data.formName}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("training.time")}>{`${i18n.dateTime(data.startsAt)} – ${i18n.dateTime(data.endsAt)}`}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("training.place")}>{data.place}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("training.teachers")}>{data.teachers.map((teacher) => teacher.name).join("、") || "—"}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("training.attended")}>{i18n.number(data.attended)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <ErrorAlert error={error} />
      {data.abilities.manage ? <CheckInBoard id={id} /> : null}
      <Card size="small" title={i18n.t("training.leaves")}>
        <List
          size="small"
          dataSource={data.leaves}
          locale={{ emptyText: <Empty /> }}
          renderItem={(leave) => (
            <List.Item
              key={leave.id}
              actions={
                data.abilities.manage && leave.status === "pending"
                  ? [
                      <Button key="yes" size="small" onClick={() => void act(() => trainingApi.decideLeave(leave.id, true, leave.version))}>{i18n.t("training.approve")}</Button>,
                      <Button key="no" size="small" onClick={() => void act(() => trainingApi.decideLeave(leave.id, false, leave.version))}>{i18n.t("training.reject")}</Button>,
                    ]
                  : []
              }
            >
              <span>{`${leave.personName}：${leave.reason}`}</span>
              <Tag>{leave.status}</Tag>
            </List.Item>
          )}
        />
        {data.abilities.attend && data.leaves.length === 0 ? (
          <Space.Compact style={{ width: "100%", marginTop: 8 }}>
            <Input value={reason} maxLength={200} onChange={(event) => setReason(event.target.value)} placeholder={i18n.t("training.leaves")} />
            <Button disabled={!reason.trim()} onClick={() => void act(() => trainingApi.leave(id, reason.trim()))}>
              {i18n.t("common.save")}
            </Button>
          </Space.Compact>
        ) : null}
      </Card>
    </Space>
  );
}
