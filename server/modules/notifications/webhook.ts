import { lookup, type LookupAddress, type LookupAllOptions } from "node:dns";
import { lookup as lookupAsync } from "node:dns/promises";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import type { Config } from "../../platform/config";

/**
 * Where the platform may post: the group-robot hosts the city configures, over https, never to an
 * address inside the network the server sits in (loopback, private, link-local, metadata services).
 * A name is checked when it is saved and again at every send, on the very address connected to, so a
 * name that later resolves inward (DNS rebinding) is refused at the socket.
 */
export interface WebhookPolicy {
  hosts: readonly string[];
  /** For a robot relay inside an isolated network: private addresses and plain http are allowed. */
  allowPrivate: boolean;
}

export function webhookPolicy(config: Config): WebhookPolicy {
  return { hosts: config.webhookHosts, allowPrivate: config.webhookAllowPrivate };
}

/** What the administrator sees of a failure: a code, never what the remote side answered. */
export type WebhookErrorCode =
  | "not_https"
  | "host_not_allowed"
  | "credentials_in_url"
  | "blocked_address"
  | "dns_failed"
  | "connection_failed"
  | "tls_failed"
  | "timeout"
  | "request_failed"
  | `http_${number}`
  | `errcode_${number}`;

/** Only ordinary public unicast addresses: an IPv4-mapped address is judged as the IPv4 it carries; NAT64, 6to4 and Teredo are refused. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

/** The checks that need no network: scheme, host on the list, no credentials, an IP literal that is public. */
export function urlProblem(value: string, policy: WebhookPolicy): WebhookErrorCode | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "host_not_allowed";
  }
  if (url.protocol !== "https:" && !(policy.allowPrivate && url.protocol === "http:")) return "not_https";
  if (url.username || url.password) return "credentials_in_url";
  const host = hostOf(url);
  if (!policy.hosts.some((allowed) => allowed.toLowerCase() === host)) return "host_not_allowed";
  if (isIP(host) && !policy.allowPrivate && !isPublicAddress(host)) return "blocked_address";
  return null;
}

/**
 * The check made when an address is saved: every address the name resolves to must be public. A name
 * that does not resolve now is let through (the robot's DNS may be down for a moment); sending checks again.
 */
export async function addressProblem(value: string, policy: WebhookPolicy): Promise<WebhookErrorCode | null> {
  const problem = urlProblem(value, policy);
  if (problem || policy.allowPrivate) return problem;
  const host = hostOf(new URL(value));
  if (isIP(host)) return null;
  try {
    const addresses = await lookupAsync(host, { all: true, verbatim: true });
    return addresses.every((a) => isPublicAddress(a.address)) ? null : "blocked_address";
  } catch {
    return null;
  }
}

class BlockedAddress extends Error {
  code = "EBLOCKED";
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** The resolver the socket uses: the addresses it is about to connect to are the ones checked. */
function guardedLookup(policy: WebhookPolicy) {
  return (hostname: string, options: LookupAllOptions | { all?: boolean }, callback: LookupCallback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      if (addresses.length === 0 || (!policy.allowPrivate && addresses.some((a) => !isPublicAddress(a.address)))) return callback(new BlockedAddress(hostname), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

function errorCode(error: unknown): WebhookErrorCode {
  const code = (error as { code?: unknown }).code;
  if (code === "EBLOCKED") return "blocked_address";
  if (code === "ETIMEDOUT" || (error as Error).name === "TimeoutError") return "timeout";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "dns_failed";
  if (code === "ECONNREFUSED" || code === "ECONNRESET" || code === "EHOSTUNREACH" || code === "ENETUNREACH" || code === "EPIPE") return "connection_failed";
  if (typeof code === "string" && (code.startsWith("ERR_TLS") || code.startsWith("ERR_SSL") || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code))) return "tls_failed";
  return "request_failed";
}

/** At most this much of an answer is read: enough for the robot's {"errcode": …}. */
const MAX_ANSWER_BYTES = 64 * 1024;

function readAnswer(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
      else response.destroy();
    });
    response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    response.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
    response.on("error", reject);
  });
}

/**
 * Posts a JSON message to a robot; null when it was taken, else an error code. Redirects are not
 * followed (a 3xx is a failure), so an allowed host cannot bounce the request inward.
 */
export async function postJson(value: string, payload: unknown, timeoutMs: number, policy: WebhookPolicy): Promise<WebhookErrorCode | null> {
  const problem = urlProblem(value, policy);
  if (problem) return problem;
  const url = new URL(value);
  const body = Buffer.from(JSON.stringify(payload), "utf8");
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  try {
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = send(
        url,
        {
          method: "POST",
          headers: { "content-type": "application/json; charset=utf-8", "content-length": body.length },
          lookup: guardedLookup(policy) as never,
          timeout: timeoutMs,
          agent: false,
        },
        (response) => readAnswer(response).then((text) => resolve({ status: response.statusCode ?? 0, text }), reject),
      );
      req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })));
      req.on("error", reject);
      req.end(body);
    });
    if (answer.status < 200 || answer.status > 299) return `http_${answer.status}`;
    // Both robots answer 200 with {"errcode": …}; anything but 0 (a wrong keyword, a rate limit) is a failure.
    try {
      const parsed = JSON.parse(answer.text) as { errcode?: unknown };
      if (typeof parsed.errcode === "number" && Number.isInteger(parsed.errcode) && parsed.errcode !== 0) return `errcode_${parsed.errcode}`;
    } catch {
      // A receiver that answers 2xx with something other than JSON has taken the message.
    }
    return null;
  } catch (error) {
    return errorCode(error);
  }
}
