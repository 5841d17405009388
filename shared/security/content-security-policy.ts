/**
 * The strict Content-Security-Policy: a <meta> in the built page (Electron's file:// and browser
 * mode alike) and, on the desktop, also a response header. antd's CSS-in-JS injects <style>
 * elements, hence 'unsafe-inline' for styles only; scripts come only from the app itself.
 * connect-src allows loopback only: the clinic's sync hub on this PC.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self' http://127.0.0.1:* http://localhost:*",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
