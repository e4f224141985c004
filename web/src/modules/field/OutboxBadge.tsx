import { CloudUploadOutlined, WarningOutlined } from "@ant-design/icons";
import { Button, List, Popover, Tag, Typography } from "antd";
import { useI18n } from "../../i18n";
import { discard, flush } from "../../lib/outbox";
import { useOutbox } from "./useOutbox";

/**
 * “3 条待发送” in the header while anything waits on the device; the list shows each change, and a
 * change the server refused because the record changed meanwhile as a conflict to look at or drop.
 */
export function OutboxBadge() {
  const i18n = useI18n();
  const items = useOutbox();
  if (items.length === 0) return null;
  const pending = items.filter((item) => item.state === "pending").length;
  const troubled = items.length - pending;
  const content = (
    <List
      size="small"
      style={{ maxWidth: 320 }}
      dataSource={items}
      renderItem={(item) => (
        <List.Item
          data-testid="outbox-item"
          data-state={item.state}
          actions={item.state === "pending" ? [] : [<Button key="drop" type="link" size="small" onClick={() => void discard(item.id!)}>{i18n.t("field.outbox.discard")}</Button>]}
        >
          <div style={{ minWidth: 0 }}>
            <div>
              {item.state === "pending" ? <Tag color="blue">{i18n.t("field.outbox.pending")}</Tag> : <Tag color="red">{i18n.t(item.state === "conflict" ? "field.outbox.conflict" : "field.outbox.failed")}</Tag>}
              {item.label}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {i18n.dateTime(item.createdAt)}
              {item.error ? ` · ${item.error}` : ""}
            </Typography.Text>
          </div>
        </List.Item>
      )}
      footer={
        pending > 0 ? (
          <Button size="small" block onClick={() => void flush()}>
            {i18n.t("field.outbox.sendNow")}
          </Button>
        ) : null
      }
    />
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight">
      <Button type="text" icon={troubled > 0 ? <WarningOutlined style={{ color: "#cf1322" }} /> : <CloudUploadOutlined />} data-testid="outbox-count" data-pending={pending} data-conflicts={troubled}>
        {pending > 0 ? i18n.t("field.outbox.count", { count: pending }) : i18n.t("field.outbox.conflicts", { count: troubled })}
      </Button>
    </Popover>
  );
}
