/** The bell's strings, merged into the app's dictionary in i18n/messages.ts. */
export const notificationsZh = {
  "notify.bell": "通知",
  "notify.bellUnread": "通知（{count} 条未读）",
  "notify.title": "通知",
  "notify.readAll": "全部已读",
  "notify.markRead": "标为已读",
  "notify.empty": "暂无通知",
  "notify.unreadOnly": "只看未读",
  "notify.more": "加载更多",
  "notify.kind.deadline_approaching": "临近时限",
  "notify.kind.project_late": "项目逾期",
  "notify.kind.project_escalated": "升级督办",
  "notify.kind.report_returned": "报告退回",
  "notify.kind.claim_returned": "申报退回",
  "notify.kind.conflict_high_risk": "高风险矛盾隐患",
} as const;

export type NotificationsMessageKey = keyof typeof notificationsZh;

export const notificationsEn: Record<NotificationsMessageKey, string> = {
  "notify.bell": "Notifications",
  "notify.bellUnread": "Notifications ({count} unread)",
  "notify.title": "Notifications",
  "notify.readAll": "Mark all read",
  "notify.markRead": "Mark read",
  "notify.empty": "No notifications",
  "notify.unreadOnly": "Unread only",
  "notify.more": "Load more",
  "notify.kind.deadline_approaching": "Deadline near",
  "notify.kind.project_late": "Project late",
  "notify.kind.project_escalated": "Escalated",
  "notify.kind.report_returned": "Report returned",
  "notify.kind.claim_returned": "Claim returned",
  "notify.kind.conflict_high_risk": "High-risk conflict",
};
