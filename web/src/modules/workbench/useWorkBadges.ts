import { useEffect, useState } from "react";
import { workbenchApi, type WorkbenchData } from "../../api/workbench";

const none: WorkbenchData["badges"] = { events: 0, problems: 0, campaign: 0 };

/** The open work per menu entry, asked again whenever the page changes (an act elsewhere lowers it). */
export function useWorkBadges(path: string): Record<string, number> {
  const [badges, setBadges] = useState(none);
  useEffect(() => {
    const controller = new AbortController();
    workbenchApi
      .get(controller.signal)
      .then((data) => setBadges(data.badges))
      // A missed count is not worth a message: the next page asks again.
      .catch(() => undefined);
    return () => controller.abort();
  }, [path]);
  return { "/events": badges.events, "/problems": badges.problems, "/campaign": badges.campaign };
}
