import { Button, Descriptions, Drawer, Space, Tag } from "antd";
import { problemsApi, type ClueData } from "../../api/problems";
import { hrefTo, navigate, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { categoryLabel, channelLabel, clueStatusLabel, sourceLabel } from "./labels";

const problemCode = (id: number) => `WT${String(id).padStart(6, "0")}`;

const statusColor: Record<string, string> = { open: "blue", converted: "green", dismissed: "default" };

export function ClueStatusTag({ status }: { status: string }) {
  const i18n = useI18n();
  return (
    <Tag color={statusColor[status] ?? "default"} style={{ marginInlineEnd: 0 }} data-testid="clue-status">
      {clueStatusLabel(i18n, status)}
    </Tag>
  );
}

export type ClueEditing = { mode: "create" } | { mode: "convert"; clue: ClueData } | { mode: "dismiss"; clue: ClueData } | null;

/** One clue in a drawer: what it says, its files, the problems it became. */
export function ClueDrawer({ id, onClose, onAction }: { id: number; onClose: () => void; onAction: (editing: ClueEditing) => void }) {
  const i18n = useI18n();
  const clue = useAsync((signal) => problemsApi.clue(id, signal), [id]);
  const c = clue.data;
  return (
    <Drawer open onClose={onClose} title={c ? c.code : i18n.t("problems.clues.detail")} size={Math.min(560, window.innerWidth)} data-testid="clue-drawer">
      {clue.error ? <ErrorAlert error={clue.error} onRetry={clue.reload} /> : null}
      {!c ? (
        clue.error ? null : <Loading />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          <Space wrap>
            <ClueStatusTag status={c.status} />
            {c.publicSubmission ? <Tag color="magenta">{i18n.t("problems.clues.public")}</Tag> : null}
          </Space>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={i18n.t("problems.node")}>{c.nodeName}</Descriptions.Item>
            <Descriptions.Item label={i18n.t("problems.clues.receivedOn")}>{i18n.dateTime(c.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label={i18n.t("problems.source")}>{sourceLabel(i18n, c.source)}</Descriptions.Item>
            <Descriptions.Item label={i18n.t("problems.channel")}>{channelLabel(i18n, c.channel)}</Descriptions.Item>
            <Descriptions.Item label={i18n.t("problems.category")}>{categoryLabel(i18n, c.category)}</Descriptions.Item>
            <Descriptions.Item label={i18n.t("problems.reporter")}>{[c.reporterName, c.reporterPhone].filter(Boolean).join(" · ") || "—"}</Descriptions.Item>
            <Descriptions.Item label={i18n.t("problems.clues.content")}>
              <div style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>{c.description}</div>
            </Descriptions.Item>
            {c.dismissReason ? <Descriptions.Item label={i18n.t("problems.clues.dismissReason")}>{c.dismissReason}</Descriptions.Item> : null}
            {c.problemIds.length > 0 ? (
              <Descriptions.Item label={i18n.t("problems.clues.problems")}>
                <Space wrap>
                  {c.problemIds.map((pid) => (
                    <a key={pid} href={hrefTo(`/problems/${pid}`)}>
                      {problemCode(pid)}
                    </a>
                  ))}
                </Space>
              </Descriptions.Item>
            ) : null}
            {c.attachments.length > 0 ? (
              <Descriptions.Item label={i18n.t("problems.files.title")}>
                <Space orientation="vertical" size={2}>
                  {c.attachments.map((f) => (
                    <a key={f.id} href={problemsApi.attachmentUrl(f.id)} download={f.fileName}>
                      {f.fileName}
                    </a>
                  ))}
                </Space>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Space wrap>
            {c.abilities.convert === true ? (
              <Button type="primary" onClick={() => onAction({ mode: "convert", clue: c })} data-testid="clue-convert">
                {i18n.t("problems.clues.convert")}
              </Button>
            ) : null}
            {c.abilities.dismiss === true ? (
              <Button danger onClick={() => onAction({ mode: "dismiss", clue: c })} data-testid="clue-dismiss">
                {i18n.t("problems.clues.dismiss")}
              </Button>
            ) : null}
            {c.problemIds.length > 0 ? (
              <Button onClick={() => navigate(withQuery("/problems", { clue: c.id }))}>{i18n.t("problems.clues.openProblems")}</Button>
            ) : null}
          </Space>
        </Space>
      )}
    </Drawer>
  );
}
