/**
 * The strict Content-Security-Policy: a <meta> in the built page (desktop and browser mode
 * alike) and, on the desktop, also the header of every response the app://clinicdesk handler
 * serves (electron/main/app-protocol.ts). antd's CSS-in-JS injects <style>
 * elements, hence 'unsafe-inline' for styles only; scripts come only from the app itself.
 * connect-src allows http(s) to any host: the clinic's sync hub is another PC on the LAN (e.g.
 * http://192.168.1.20:7300), whose address the owner types in; a static policy cannot name it.
 * Narrowing it to the configured hub's origin needs a per-response header on the desktop
 * (hardening issue, item 2). Scripts still come only from the app, so no injected code runs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self' http: https:",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
