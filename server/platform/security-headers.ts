import helmet from "helmet";
import type { FastifyInstance } from "fastify";
import type { Config } from "./config";

/**
 * Security headers on every answer (API, static files, 404s and errors alike): registered before any
 * other hook, helmet sets them as the request arrives, so a request refused later still carries them.
 * Helmet's middleware is built once: @fastify/helmet built it anew for every request, parsing the
 * policy each time (3 % of a list request's CPU in a profile).
 *
 * The CSP allows only this origin's scripts. Styles may be inline because antd writes its CSS-in-JS
 * into <style> elements and ECharts and antd set style attributes; scripts never are.
 */
export interface ImageSources {
  current(): readonly string[];
  /** Undefined when the list is fresh, so a request waits only when it is not. */
  refreshIfStale(): Promise<void> | undefined;
}

/**
 * `imageSources` are the origins beyond this one that pages may load images from: the base-map tile
 * servers the cities configured (a map draws its tiles as images).
 */
export async function securityHeaders(app: FastifyInstance, config: Config, imageSources?: ImageSources): Promise<void> {
  if (imageSources) {
    app.addHook("onRequest", async () => {
      await imageSources.refreshIfStale();
    });
  }
  const apply = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:", ...(imageSources ? [() => imageSources.current().join(" ")] : [])],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Only behind TLS: on plain http it would send the app's own requests to an https port that is not there.
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: "deny" },
    hsts: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "same-origin" },
  });
  app.addHook("onRequest", (request, reply, next) => apply(request.raw, reply.raw, (error) => next(error as Error | undefined)));
}
