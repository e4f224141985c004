/**
 * The city whose public side opens at #/public. The public API names a city by its code and offers
 * no list of cities (nor does /api/auth/me carry the caller's city code), so the default comes from
 * the build (VITE_PUBLIC_CITY) and falls back to the demo city; #/public/<code>/… opens any other.
 */
export const DEFAULT_PUBLIC_CITY: string = (import.meta.env.VITE_PUBLIC_CITY as string | undefined)?.trim() || "hejin";

const cityCode = /^[a-z0-9_-]{1,40}$/;

export function isCityCode(value: string | undefined | null): value is string {
  return typeof value === "string" && cityCode.test(value);
}

/** A route of the public side: publicPath("hejin", "lists", 4) → "/public/hejin/lists/4". */
export function publicPath(city: string, ...parts: (string | number)[]): string {
  return ["/public", city, ...parts.map(String)].join("/");
}
