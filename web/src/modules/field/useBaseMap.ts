import { eventsApi } from "../../api/events";
import { publicEventsApi } from "../../api/publicEvents";
import { useAsync } from "../../app/useAsync";
import type { BaseMapSettings } from "../../components/map";

/**
 * The city's base map for a map on this page: staff read their city's, the public side the city of
 * its address. Null until it is known, and when it cannot be (offline): the map then shows outlines only.
 */
export function useBaseMap(publicCity?: string): BaseMapSettings | null {
  const state = useAsync((signal) => (publicCity ? publicEventsApi.baseMap(publicCity, signal) : eventsApi.baseMap(signal)), [publicCity]);
  return state.data ?? null;
}
