import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError, onUnauthorized, request, setCsrfToken } from "./client";

function respond(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe("request", () => {
  it("sends the CSRF token on unsafe methods only, and returns the parsed body", async () => {
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => respond(200, { ok: true }));
    vi.stubGlobal("fetch", fetchMock);
    setCsrfToken("tok-1");
    await request("GET", "/things", { schema: z.object({ ok: z.boolean() }), query: { q: "清涧", page: 2, empty: "", none: undefined } });
    await request("POST", "/things", { schema: z.object({ ok: z.boolean() }), body: { a: 1 } });

    const [getUrl, getInit] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(getUrl).toBe(`/api/things?q=${encodeURIComponent("清涧")}&page=2`);
    expect((getInit.headers as Record<string, string>)["x-csrf-token"]).toBeUndefined();

    const [, postInit] = fetchMock.mock.calls[1] as [string, RequestInit];
    expect((postInit.headers as Record<string, string>)["x-csrf-token"]).toBe("tok-1");
    expect(postInit.body).toBe('{"a":1}');
  });

  it("turns an error body into an ApiError with code, fields and extra details", async () => {
    vi.stubGlobal("fetch", async () =>
      respond(400, { error: { code: "bad_request", message: "bad", fields: [{ field: "name", message: "required" }], lockedUntil: "2030-01-01T00:00:00Z" } }),
    );
    const error = await request("POST", "/x", { schema: z.unknown() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe("bad_request");
    expect(apiError.fields).toEqual([{ field: "name", message: "required" }]);
    expect(apiError.details.lockedUntil).toBe("2030-01-01T00:00:00Z");
  });

  it("hands a 401 to the sign-in handler unless the call opts out", async () => {
    vi.stubGlobal("fetch", async () => respond(401, { error: { code: "session_idle", message: "idle" } }));
    const handler = vi.fn();
    const off = onUnauthorized(handler);
    await request("GET", "/orgs/roots", { schema: z.unknown() }).catch(() => undefined);
    expect(handler).toHaveBeenCalledTimes(1);
    expect((handler.mock.calls[0]?.[0] as ApiError).code).toBe("session_idle");
    await request("GET", "/auth/me", { schema: z.unknown(), skipAuthRedirect: true }).catch(() => undefined);
    expect(handler).toHaveBeenCalledTimes(1);
    off();
  });

  it("reports an unreachable server as status 0", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    const error = (await request("GET", "/health", { schema: z.unknown() }).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.code).toBe("network_error");
  });

  it("refuses a response that does not match its schema (in development)", async () => {
    vi.stubGlobal("fetch", async () => respond(200, { items: "not a list" }));
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const error = (await request("GET", "/orgs/roots", { schema: z.object({ items: z.array(z.string()) }) }).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe("bad_response");
  });
});
