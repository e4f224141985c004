import { useSyncExternalStore } from "react";

/**
 * A small hash router: `#/orgs/12?tab=people`. Hash URLs need nothing from the server (any GET of
 * "/" serves the app) and survive a reload on any page.
 */
export interface Location {
  path: string;
  query: URLSearchParams;
  /** path + "?" + query, as it stands in the hash. */
  href: string;
}

function read(): Location {
  const raw = window.location.hash.replace(/^#/, "") || "/";
  const [pathPart, queryPart = ""] = raw.split("?", 2) as [string, string?];
  const path = pathPart.startsWith("/") ? pathPart : `/${pathPart}`;
  return { path, query: new URLSearchParams(queryPart), href: raw };
}

let current = typeof window === "undefined" ? { path: "/", query: new URLSearchParams(), href: "/" } : read();
const listeners = new Set<() => void>();

function refresh() {
  const next = read();
  if (next.href !== current.href) {
    current = next;
    for (const listener of listeners) listener();
  }
}

if (typeof window !== "undefined") window.addEventListener("hashchange", refresh);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, () => current);
}

export function currentLocation(): Location {
  return current;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const hash = `#${to.startsWith("/") ? to : `/${to}`}`;
  if (options.replace) window.history.replaceState(window.history.state, "", hash);
  else window.history.pushState(window.history.state, "", hash);
  refresh();
}

export function hrefTo(to: string): string {
  return `#${to}`;
}

/** Matches "/orgs/:id" against a path; returns the named parts or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const patternParts = pattern.split("/").filter(Boolean);
  const pathParts = path.split("/").filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < patternParts.length; i++) {
    const expected = patternParts[i] as string;
    const actual = decodeURIComponent(pathParts[i] as string);
    if (expected.startsWith(":")) params[expected.slice(1)] = actual;
    else if (expected !== actual) return null;
  }
  return params;
}

export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
