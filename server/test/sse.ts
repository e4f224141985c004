import { request as httpRequest, type IncomingMessage } from "node:http";
import { TEST_PASSWORD, type TestContext } from "./harness";

/** One server-sent event as a screen receives it. */
export interface Received {
  event: string;
  data: Record<string, unknown>;
}

export interface OpenStream {
  status: number;
  received: Received[];
  close(): void;
}

/** Opens a stream as a browser would (session cookie, over a real connection to `base`), collecting what arrives. */
export async function openStream(t: TestContext, base: string, path: string, username: string): Promise<OpenStream> {
  const login = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password: TEST_PASSWORD } });
  const cookie = login.cookies.find((c) => c.name === "zhili_sid")!.value;
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers: { cookie: `zhili_sid=${cookie}`, accept: "text/event-stream" } }, resolve);
    req.on("error", reject);
    req.end();
  });
  const received: Received[] = [];
  let buffer = "";
  response.setEncoding("utf8");
  response.on("data", (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) received.push({ event, data: JSON.parse(data) });
    }
  });
  return { status: response.statusCode ?? 0, received, close: () => response.destroy() };
}

/** Waits until `check` holds, at most `ms`; answers how long it took. */
export async function until(check: () => boolean, ms = 2000): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}
