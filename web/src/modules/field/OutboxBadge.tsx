import { CloudUploadOutlined, WarningOutlined } from "@ant-design/icons";
import { useI18n } from "../../i18n";
import { Button, Popover, Tag } from "../../components/light";
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
  return (
    <Popover
      button={(open, toggle) => (
        <Button kind="text" onClick={toggle} aria-expanded={open} icon={troubled > 0 ? <WarningOutlined style={{ color: "#cf1322" }} /> : <CloudUploadOutlined />} data-testid="outbox-count" data-pending={pending} data-conflicts={troubled}>
          {pending > 0 ? i18n.t("field.outbox.count", { count: pending }) : i18n.t("field.outbox.conflicts", { count: troubled })}
        </Button>
      )}
    >
      {() => (
        <>
          <ul className="zl-list">
            {items.map((item) => (
              <li key={item.id} data-testid="outbox-item" data-state={item.state} style={{ display: "flex", gap: 8, alignItems: "center" }}>
                <div style={{ minWidth: 0, flex: 1 }}>
                  <div>
                    {item.state === "pending" ? <Tag color="blue">{i18n.t("field.outbox.pending")}</Tag> : <Tag color="red">{i18n.t(item.state === "conflict" ? "field.outbox.conflict" : "field.outbox.failed")}</Tag>}
                    {item.label}
                  </div>
                  <div className="zl-muted" style={{ fontSize: 12 }}>
                    {i18n.dateTime(item.createdAt)}
                    {item.error ? ` · ${item.error}` : ""}
                  </div>
                </div>
                {item.state === "pending" ? null : (
                  <Button kind="link" size="small" onClick={() => void discard(item.id!)}>
                    {i18n.t("field.outbox.discard")}
                  </Button>
                )}
              </li>
            ))}
          </ul>
          {pending > 0 ? (
            <Button size="small" block onClick={() => void flush()}>
              {i18n.t("field.outbox.sendNow")}
            </Button>
          ) : null}
        </>
      )}
    </Popover>
  );
}
