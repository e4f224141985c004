import { expect } from "vitest";

/** The answer's body, once its status is the one expected; otherwise the failure shows the body that came back. */
export async function ok<T = Record<string, unknown>>(response: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200): Promise<T> {
  const answer = await response;
  expect([answer.statusCode, answer.statusCode === status ? "" : answer.body]).toEqual([status, ""]);
  return answer.json() as T;
}
