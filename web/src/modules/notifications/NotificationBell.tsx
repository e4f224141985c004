import { BellOutlined, CheckOutlined, CloseOutlined } from "@ant-design/icons";
import { Badge, Button, Drawer, Dropdown, Empty, Spin, Tag, Typography } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { notificationsApi, type NotificationData } from "../../api/notifications";
import { navigate } from "../../app/router";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { routeForNotificationLink } from "../campaign/links";

/** How often the unread count is asked for while the page is open (and again whenever it regains focus). */
export const POLL_MS = 60_000;
const PAGE_SIZE = 10;

const kindColors: Record<NotificationData["kind"], string> = {
  deadline_approaching: "gold",
  project_late: "red",
  project_escalated: "volcano",
  report_returned: "orange",
  claim_returned: "orange",
  conflict_high_risk: "red",
  event_dispatched: "blue",
  event_refused: "orange",
  event_summoned: "purple",
  event_returned: "orange",
  event_overdue: "red",
  problem_assigned: "blue",
  problem_returned: "orange",
  problem_overdue: "red",
  problem_closed: "green",
  daily_digest: "default",
  claim_approved: "green",
  report_accepted: "green",
};

/**
 * Keeps the unread count fresh: on mount, every minute while the tab is in view, and when the window
 * or tab comes back. (Each poll counts as activity for the server's idle clock; the app's own idle
 * sign-out, which watches the person rather than the requests, still ends an unattended session.)
 */
export function useUnreadCount(): { unread: number; refresh: () => void; set: (n: number) => void } {
  const [unread, setUnread] = useState(0);
  const inFlight = useRef<AbortController | null>(null);
  const refresh = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    notificationsApi
      .unreadCount(controller.signal)
      .then((result) => {
        if (!controller.signal.aborted) setUnread(result.unread);
      })
      // A missed poll is not worth a message: the next one tries again.
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    refresh();
    // A hidden tab does not ask: it asks again when it comes back into view.
    const timer = window.setInterval(() => {
      if (document.visibilityState !== "hidden") refresh();
    }, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === "visible") refresh();
    };
    window.addEventListener("focus", refresh);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("focus", refresh);
      document.removeEventListener("visibilitychange", onVisible);
      inFlight.current?.abort();
    };
  }, [refresh]);
  return { unread, refresh, set: setUnread };
}

function NotificationItem({ item, onOpen, onRead }: { item: NotificationData; onOpen: (item: NotificationData) => void; onRead: (item: NotificationData) => void }) {
  const i18n = useI18n();
  const route = routeForNotificationLink(item.link);
  return (
    <div
      role="button"
      tabIndex={0}
      onClick={() => onOpen(item)}
      onKeyDown={(event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          onOpen(item);
        }
      }}
      data-testid="notification"
      data-kind={item.kind}
      data-read={item.read}
      style={{
        display: "flex",
        gap: 8,
        padding: "8px 12px",
        cursor: route ? "pointer" : "default",
        background: item.read ? undefined : "#fff7f6",
        borderBottom: "1px solid #f0f0f0",
      }}
    >
      <span aria-hidden style={{ flex: "none", width: 8, height: 8, marginTop: 7, borderRadius: 4, background: item.read ? "transparent" : "#c62828" }} />
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ display: "flex", gap: 6, alignItems: "baseline", flexWrap: "wrap" }}>
          <Tag color={kindColors[item.kind]} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: "18px" }}>
            {i18n.t(`notify.kind.${item.kind}`)}
          </Tag>
          <Typography.Text strong={!item.read} style={{ wordBreak: "break-word" }}>
            {item.title}
          </Typography.Text>
        </div>
        {item.body ? (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: "2px 0 0", fontSize: 12 }}>
            {item.body}
          </Typography.Paragraph>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 11 }}>
          {i18n.dateTime(item.createdAt)}
        </Typography.Text>
      </div>
      {item.read ? null : (
        <Button
          type="text"
          size="small"
          icon={<CheckOutlined />}
          aria-label={i18n.t("notify.markRead")}
          title={i18n.t("notify.markRead")}
          onClick={(event) => {
            event.stopPropagation();
            onRead(item);
          }}
          data-testid="notification-read"
        />
      )}
    </div>
  );
}

/**
 * The bell in the header: the unread count (asked for every minute and on focus), and on click the
 * latest notifications; opening one marks it read and goes to its page (a project, a claim).
 */
export function NotificationBell({ compact }: { compact: boolean }) {
  const i18n = useI18n();
  const { unread, refresh, set } = useUnreadCount();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<NotificationData[] | null>(null);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(
    async (page: number) => {
      setLoading(true);
      setError(null);
      try {
        const result = await notificationsApi.list({ page, pageSize: PAGE_SIZE });
        setItems((previous) => (page === 1 ? result.items : [...(previous ?? []), ...result.items]));
        setTotal(result.total);
        set(result.unread);
      } catch (cause) {
        setError(cause);
      } finally {
        setLoading(false);
      }
    },
    [set],
  );

  const markRead = async (item: NotificationData) => {
    if (item.read) return;
    try {
      await notificationsApi.markRead(item.id);
      setItems((previous) => previous?.map((n) => (n.id === item.id ? { ...n, read: true } : n)) ?? null);
      set(Math.max(0, unread - 1));
    } catch (cause) {
      setError(cause);
    }
  };

  const openItem = async (item: NotificationData) => {
    await markRead(item);
    const route = routeForNotificationLink(item.link);
    if (route) {
      setOpen(false);
      navigate(route);
    }
  };

  const readAll = async () => {
    try {
      const result = await notificationsApi.readAll();
      set(result.unread);
      setItems((previous) => previous?.map((n) => ({ ...n, read: true })) ?? null);
    } catch (cause) {
      setError(cause);
    }
  };

  const panel = (
    <div
      data-testid="notifications-panel"
      style={
        compact
          ? { background: "#fff" }
          : {
              width: 380,
              background: "#fff",
              borderRadius: 8,
              boxShadow: "0 6px 16px rgba(0,0,0,0.08), 0 3px 6px -4px rgba(0,0,0,0.12), 0 9px 28px 8px rgba(0,0,0,0.05)",
              overflow: "hidden",
            }
      }
    >
      <div style={{ display: "flex", alignItems: "center", justifyContent: "space-between", padding: "8px 12px", borderBottom: "1px solid #f0f0f0" }}>
        <Typography.Text strong>{i18n.t("notify.title")}</Typography.Text>
        <span>
          <Button type="link" size="small" disabled={unread === 0} onClick={readAll} data-testid="notifications-read-all" style={{ paddingInline: 0 }}>
            {i18n.t("notify.readAll")}
          </Button>
          {compact ? <Button type="text" size="small" icon={<CloseOutlined />} aria-label={i18n.t("common.close")} onClick={() => setOpen(false)} style={{ marginInlineStart: 8 }} /> : null}
        </span>
      </div>
      <div style={compact ? undefined : { maxHeight: "min(60vh, 480px)", overflowY: "auto" }}>
        {error ? <ErrorAlert error={error} onRetry={() => void load(1)} style={{ margin: 8 }} /> : null}
        {items === null ? (
          <div style={{ padding: 24, textAlign: "center" }}>
            <Spin />
          </div>
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={i18n.t("notify.empty")} style={{ margin: "16px 0" }} />
        ) : (
          items.map((item) => <NotificationItem key={item.id} item={item} onOpen={(n) => void openItem(n)} onRead={(n) => void markRead(n)} />)
        )}
        {items !== null && items.length < total ? (
          <div style={{ padding: 8, textAlign: "center" }}>
            <Button size="small" loading={loading} onClick={() => void load(Math.floor(items.length / PAGE_SIZE) + 1)}>
              {i18n.t("notify.more")}
            </Button>
          </div>
        ) : null}
      </div>
    </div>
  );

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next) {
      void load(1);
      refresh();
    }
  };
  const button = (
    <Button
      type="text"
      aria-label={unread > 0 ? i18n.t("notify.bellUnread", { count: unread }) : i18n.t("notify.bell")}
      aria-haspopup="dialog"
      aria-expanded={open}
      data-testid="bell"
      data-unread={unread}
      className="zl-no-print"
      style={{ paddingInline: compact ? 6 : 8 }}
      onClick={compact ? () => onOpenChange(true) : undefined}
    >
      <Badge count={unread} size="small" overflowCount={99} offset={[2, -2]}>
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Button>
  );

  // A phone has no room for a drop-down beside the bell: the list slides in over the page instead.
  if (compact)
    return (
      <>
        {button}
        <Drawer
          placement="right"
          open={open}
          onClose={() => setOpen(false)}
          size={typeof window === "undefined" ? 360 : Math.min(360, window.innerWidth)}
          title={null}
          closable={false}
          styles={{ body: { padding: 0 } }}
        >
          {panel}
        </Drawer>
      </>
    );
  return (
    <Dropdown open={open} onOpenChange={onOpenChange} trigger={["click"]} placement="bottomRight" popupRender={() => panel}>
      {button}
    </Dropdown>
  );
}
