/**
 * The notification kinds of operational work (grid events and problem lists) and of the bell itself.
 * Kept apart from the modules' own schema files so that a kind can be added without touching them.
 */
export const eventNotificationKinds = ["event_dispatched", "event_refused", "event_summoned", "event_returned", "event_overdue"] as const;
export const problemNotificationKinds = ["problem_assigned", "problem_returned", "problem_overdue", "problem_closed"] as const;
/** The bell's own: the morning summary of what is still unread. */
export const bellNotificationKinds = ["daily_digest"] as const;
/** The campaign office's review: a claim approved, a progress report accepted (returns are the campaign's own kinds). */
export const reviewNotificationKinds = ["claim_approved", "report_accepted"] as const;
