import type { z } from "zod";
import { ErrorBody } from "../../../shared/schemas/common";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface FieldError {
  field: string;
  message: string;
}

/**
 * A failed API call: the HTTP status, the server's error code and message, and the invalid fields.
 * `status` is 0 when the server could not be reached. `details` keeps any further properties the
 * server put in the error object (for example `lockedUntil`), unvalidated.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly details: Readonly<Record<string, unknown>>;
  /** Seconds from a Retry-After header, when the server sent one. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    fields?: FieldError[];
    details?: Record<string, unknown>;
    retryAfterSeconds?: number | null;
  }) {
    super(init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.details = init.details ?? {};
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  get isConflict(): boolean {
    return this.status === 409;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

// ---- session-wide state the wrapper needs -------------------------------------------------

let csrfToken: string | null = null;
let language = "zh-CN";
let unauthorizedHandler: ((error: ApiError) => void) | null = null;

/** The token from login or /api/auth/me; sent as `x-csrf-token` on every unsafe method. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Sent as Accept-Language so that server messages come back in the UI language where it can. */
export function setApiLanguage(tag: string): void {
  language = tag;
}

/** Called on any 401 (except on calls that opt out, like sign-in itself). Returns an unsubscribe. */
export function onUnauthorized(handler: (error: ApiError) => void): () => void {
  unauthorizedHandler = handler;
  return () => {
    if (unauthorizedHandler === handler) unauthorizedHandler = null;
  };
}

// ---- the wrapper ----------------------------------------------------------------------------

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

export interface RequestOptions<S extends z.ZodType> {
  /** The response schema; its output type is the call's result type. */
  schema: S;
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not hand a 401 to the unauthorized handler (sign-in, the first /me probe). */
  skipAuthRedirect?: boolean;
}

export function buildQuery(query: Query | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

const unsafeMethods: ReadonlySet<HttpMethod> = new Set(["POST", "PATCH", "PUT", "DELETE"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

export function errorFromResponse(status: number, payload: unknown, retryAfter: string | null): ApiError {
  const parsed = ErrorBody.safeParse(payload);
  const retryAfterSeconds = parseRetryAfter(retryAfter);
  if (parsed.success) {
    const raw = isRecord(payload) && isRecord(payload.error) ? payload.error : {};
    const { code: _code, message: _message, fields: _fields, ...details } = raw;
    return new ApiError({
      status,
      code: parsed.data.error.code,
      message: parsed.data.error.message,
      fields: parsed.data.error.fields ?? [],
      details,
      retryAfterSeconds,
    });
  }
  return new ApiError({
    status,
    code: `http_${status}`,
    message: typeof payload === "string" && payload.length < 300 ? payload : `HTTP ${status}`,
    retryAfterSeconds,
  });
}

const writeListeners = new Set<() => void>();

/** Hears every successful write (POST, PUT, PATCH, DELETE) of this page: counts shown elsewhere may have moved. */
export function onWrite(listener: () => void): () => void {
  writeListeners.add(listener);
  return () => writeListeners.delete(listener);
}

/**
 * One API call. Adds the CSRF header on unsafe methods, sends and reads JSON, turns an error body
 * into an ApiError, hands 401s to the sign-in redirect, and checks the response against its zod
 * schema (a mismatch throws in development and is logged in production builds).
 */
export async function request<S extends z.ZodType>(
  method: HttpMethod,
  path: string,
  options: RequestOptions<S>,
): Promise<z.output<S>> {
  const headers: Record<string, string> = { accept: "application/json", "accept-language": language };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  if (unsafeMethods.has(method) && csrfToken) headers["x-csrf-token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api${path}${buildQuery(options.query)}`, {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError({ status: 0, code: "network_error", message: cause instanceof Error ? cause.message : "network error" });
  }

  const payload = await readJson(response);
  if (!response.ok) {
    const error = errorFromResponse(response.status, payload, response.headers.get("retry-after"));
    if (response.status === 401 && !options.skipAuthRedirect) unauthorizedHandler?.(error);
    throw error;
  }

  if (unsafeMethods.has(method)) for (const listener of writeListeners) listener();
  const result = options.schema.safeParse(payload);
  if (result.success) return result.data;
  if (import.meta.env.DEV) {
    console.error(`Response of ${method} ${path} does not match its schema`, result.error.issues, payload);
    throw new ApiError({ status: response.status, code: "bad_response", message: `Unexpected response from ${method} ${path}` });
  }
  console.warn(`Response of ${method} ${path} does not match its schema`, result.error.issues);
  return payload as z.output<S>;
}
