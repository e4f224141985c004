import { z } from "zod";
import { pageOf } from "../../../shared/schemas/common";
import { PublicItem, PublicList, PublicListDetail, PublicPlace, PublicProblemBody, PublicSubmitted, PublicTrack } from "../../../shared/schemas/problems";
import { request } from "./client";

/**
 * The residents' side: no sign-in, nothing personal. Every call skips the sign-in redirect (a 401
 * here must never send a resident to the staff sign-in page).
 */
export type PublicListData = z.output<typeof PublicList>;
export type PublicListDetailData = z.output<typeof PublicListDetail>;
export type PublicItemData = z.output<typeof PublicItem>;
export type PublicPlaceData = z.output<typeof PublicPlace>;
export type PublicSubmittedData = z.output<typeof PublicSubmitted>;
export type PublicTrackData = z.output<typeof PublicTrack>;
export type PublicProblemInput = z.input<typeof PublicProblemBody>;

const PublicListPage = pageOf(PublicList);
const PlaceList = z.object({ items: z.array(PublicPlace) });
const open = { skipAuthRedirect: true } as const;

export const publicApi = {
  lists: (city: string, params: { page?: number; pageSize?: number } = {}, signal?: AbortSignal) =>
    request("GET", "/public/problem-lists", { schema: PublicListPage, query: { city, ...params }, signal, ...open }),
  list: (id: number, params: { page?: number; pageSize?: number } = {}, signal?: AbortSignal) =>
    request("GET", `/public/problem-lists/${id}`, { schema: PublicListDetail, query: params, signal, ...open }),
  places: (city: string, signal?: AbortSignal) => request("GET", "/public/places", { schema: PlaceList, query: { city }, signal, ...open }),
  submit: (body: PublicProblemInput) => request("POST", "/public/problems", { schema: PublicSubmitted, body, ...open }),
  track: (code: string, signal?: AbortSignal) => request("GET", `/public/track/${encodeURIComponent(code)}`, { schema: PublicTrack, signal, ...open }),
};
