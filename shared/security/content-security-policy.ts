import { z } from 'zod';

/**
 * The strict Content-Security-Policy. antd's CSS-in-JS injects <style> elements, hence
 * 'unsafe-inline' for styles only; scripts come only from the app itself.
 *
 * Two policies, one set of directives; they differ only in where the page may connect:
 * - CONTENT_SECURITY_POLICY is the <meta> in the built page (vite.config.ts), desktop and browser
 *   mode alike. Its connect-src allows http(s) to any host: the clinic's sync hub is another PC on
 *   the LAN (e.g. http://192.168.1.20:7300) whose address the owner types in, and a static file
 *   cannot name it. In browser mode (`npm run web`, vite preview) this is the whole policy: no
 *   server of ours sends a header there.
 * - desktopContentSecurityPolicy is the header of every response app://clinicdesk serves
 *   (electron/main/app-protocol.ts). A page obeys every policy it is given, so the header's
 *   narrower connect-src wins over the meta's: 'self' and the configured hub's origin, nothing
 *   else. The main process keeps that origin (electron/main/hub-access.ts); the renderer sets it
 *   from its hub link and the page is reloaded, because a document's policy is fixed when it
 *   loads. The pairing request to a hub the page may not reach yet is made by the main process.
 *   A PC that hosts the hub reaches it as http://127.0.0.1:<port> once paired with it that way:
 *   its own loopback hub is then simply the configured origin; other loopback ports stay closed.
 */
const policyWith = (connectSources: readonly string[]) =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob: mediastream:",
    ["connect-src 'self'", ...connectSources].join(' '),
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');

export const CONTENT_SECURITY_POLICY = policyWith(['http:', 'https:']);

/**
 * A sync hub's origin as a policy may name it: http or https, a host name or IPv4 address, an
 * optional port; no user name, path, query or fragment. The URL parser lets characters such as
 * ';' and "'" through in a host, which would end the directive or start a keyword, so the result
 * must also match CSP's host-source grammar (letters, digits, '-' and '.'); IPv6 literals have no
 * place in that grammar and are refused.
 */
const CSP_HOST_SOURCE = /^https?:\/\/[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/;

export const hubOriginSchema = z
  .string()
  .max(300)
  .transform((text, ctx) => {
    let url: URL | undefined;
    try {
      url = /[?#@\\\s]/.test(text) ? undefined : new URL(text);
    } catch {
      url = undefined;
    }
    const origin = url?.origin;
    if (
      !url ||
      !origin ||
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      url.pathname !== '/' ||
      !CSP_HOST_SOURCE.test(origin)
    ) {
      ctx.addIssue({ code: 'custom', message: 'an http(s) origin: scheme, host and port only' });
      return z.NEVER;
    }
    return origin;
  })
  .brand<'HubOrigin'>();
export type HubOrigin = z.output<typeof hubOriginSchema>;

/** The desktop's header: the page connects to itself and to the configured hub, if any. */
export const desktopContentSecurityPolicy = (hub: HubOrigin | null): string =>
  policyWith(hub ? [hub] : []);
