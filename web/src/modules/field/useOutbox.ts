import { useEffect, useState } from "react";
import { onOutboxChange, outboxItems, startOutbox, type OutboxItem } from "../../lib/outbox";

/** What waits on this device, kept current as it is sent, refused or discarded. */
export function useOutbox(): OutboxItem[] {
  const [items, setItems] = useState<OutboxItem[]>([]);
  useEffect(() => {
    let live = true;
    const load = () => void outboxItems().then((list) => live && setItems(list), () => undefined);
    startOutbox();
    load();
    const stop = onOutboxChange(load);
    return () => {
      live = false;
      stop();
    };
  }, []);
  return items;
}
