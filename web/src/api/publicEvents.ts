import { z } from "zod";
import { BaseMap, PublicEvent, PublicEventType, PublicReportAccepted, PublicReportBody, type Rating } from "../../../shared/schemas/events";
import { request } from "./client";

/** The residents' 随手拍 and its tracking by the event's code: no sign-in, never the staff redirect. */
export type PublicEventData = z.output<typeof PublicEvent>;
export type PublicReportAcceptedData = z.output<typeof PublicReportAccepted>;
export type PublicReportInput = z.input<typeof PublicReportBody>;

const TypeList = z.object({ items: z.array(PublicEventType) });
const PublicBaseMap = BaseMap.omit({ version: true });
const open = { skipAuthRedirect: true } as const;

/** An event's 查询码: ten letters and digits, e.g. 7565QRXVHT. */
export const eventCodePattern = /^[0-9A-Z]{10}$/;

export const publicEventsApi = {
  baseMap: (city: string, signal?: AbortSignal) => request("GET", "/public/base-map", { schema: PublicBaseMap, query: { city }, signal, ...open }),
  types: (city: string, signal?: AbortSignal) => request("GET", "/public/event-types", { schema: TypeList, query: { city }, signal, ...open }),
  track: (code: string, signal?: AbortSignal) => request("GET", `/public/events/${encodeURIComponent(code)}`, { schema: PublicEvent, signal, ...open }),
  rate: (trackingCode: string, rating: Rating, comment?: string) => request("POST", "/public/ratings", { schema: PublicEvent, body: { trackingCode, rating, comment }, ...open }),
  photoUrl: (code: string, photoId: number, size: "thumb" | "web") => `/api/public/events/${encodeURIComponent(code)}/photos/${photoId}?size=${size}`,
};
