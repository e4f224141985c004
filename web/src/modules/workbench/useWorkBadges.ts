import { useEffect, useState } from "react";
import { onWrite } from "../../api/client";
import { workbenchApi, type WorkbenchData } from "../../api/workbench";

type Badges = WorkbenchData["badges"];
const none: Badges = { events: 0, problems: 0, campaign: 0, pairing: 0 };

/** A write settles for this long before the counts are asked again: a burst of writes asks once. */
const AFTER_WRITE_MS = 400;

let shared: Badges = none;
let inFlight: Promise<unknown> | null = null;
const listeners = new Set<(badges: Badges) => void>();

workbenchApi.onFetched((data) => {
  shared = data.badges;
  for (const listener of listeners) listener(shared);
});

function refresh(): void {
  // A missed count is not worth a message: the next focus or write asks again.
  inFlight ??= workbenchApi
    .get()
    .catch(() => undefined)
    .finally(() => {
      inFlight = null;
    });
}

/**
 * The open work per menu entry. Asked when the menu mounts, then again when the window regains focus and after this
 * page writes something (an act lowers a count) — not on every page change: the workbench is a dozen
 * list queries. The home page's own fetch of the workbench updates it too.
 */
export function useWorkBadges(): Record<string, number> {
  const [badges, setBadges] = useState(shared);
  useEffect(() => {
    listeners.add(setBadges);
    // On mount: after a sign-in the layout mounts afresh, and the counts are the new person's.
    refresh();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stopWrites = onWrite(() => {
      clearTimeout(timer);
      timer = setTimeout(refresh, AFTER_WRITE_MS);
    });
    const onFocus = () => {
      if (document.visibilityState === "visible") refresh();
    };
    window.addEventListener("focus", onFocus);
    document.addEventListener("visibilitychange", onFocus);
    return () => {
      listeners.delete(setBadges);
      stopWrites();
      clearTimeout(timer);
      window.removeEventListener("focus", onFocus);
      document.removeEventListener("visibilitychange", onFocus);
    };
  }, []);
  return { "/events": badges.events, "/problems": badges.problems, "/campaign": badges.campaign, "/pairing": badges.pairing };
}
