import { describe, expect, it } from "vitest";
import { parsePublicPath } from "./PublicApp";
import { isTrackingCode, normalizeTrackingCode } from "./PublicTrackPage";

describe("the public side's routes", () => {
  it("opens the default city, a city's lists, one list, the form and tracking", () => {
    expect(parsePublicPath("/public")).toEqual({ redirect: "/public/hejin" });
    expect(parsePublicPath("/public/hejin")).toEqual({ city: "hejin", page: "home" });
    expect(parsePublicPath("/public/hejin/lists/4")).toEqual({ city: "hejin", page: "list", listId: 4 });
    expect(parsePublicPath("/public/hejin/submit")).toEqual({ city: "hejin", page: "submit" });
    expect(parsePublicPath("/public/hejin/track")).toEqual({ city: "hejin", page: "track" });
    expect(parsePublicPath("/public/hejin/ledgers")).toEqual({ city: "hejin", page: "ledgers" });
    expect(parsePublicPath("/public/hejin/ledgers/12")).toEqual({ city: "hejin", page: "ledgers", villageId: 12 });
    expect(parsePublicPath("/public/hejin/ledgers/x")).toEqual({ city: "hejin", page: "notFound" });
    expect(parsePublicPath("/public/hejin/lists/x")).toMatchObject({ page: "notFound" });
    expect(parsePublicPath("/public/Bad City")).toMatchObject({ page: "notFound" });
  });
});

describe("tracking codes", () => {
  it("accepts a code however it was typed or read out", () => {
    expect(normalizeTrackingCode("zl-abcd-efgh-jkmn")).toBe("ZL-ABCD-EFGH-JKMN");
    expect(normalizeTrackingCode(" ZL ABCD EFGH JKMN ")).toBe("ZL-ABCD-EFGH-JKMN");
    expect(normalizeTrackingCode("abcdefghjkmn")).toBe("ZL-ABCD-EFGH-JKMN");
    expect(isTrackingCode("ZL-ABCD-EFGH-JKMN")).toBe(true);
    // 0, O, 1, I and L are never in a code: it must survive being read over the phone.
    expect(isTrackingCode("ZL-ABCD-EFGH-JKM0")).toBe(false);
    expect(isTrackingCode(normalizeTrackingCode("ZL-ABC"))).toBe(false);
  });

  it("takes an event's ten-character code on the same page", () => {
    expect(normalizeTrackingCode(" 7565 qrxv ht")).toBe("7565QRXVHT");
    expect(isTrackingCode("7565QRXVHT")).toBe(true);
    expect(isTrackingCode("7565QRXVH")).toBe(false);
    expect(parsePublicPath("/public/hejin/report")).toEqual({ city: "hejin", page: "report" });
  });
});
