import { useSyncExternalStore } from "react";

/** antd's `md` breakpoint: below it the app is laid out for a phone. */
const query = "(max-width: 767.98px)";

/** Whether the screen is a phone's, kept current as it turns or is resized. */
export function useNarrow(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", changed);
      return () => list.removeEventListener("change", changed);
    },
    () => window.matchMedia(query).matches,
  );
}
