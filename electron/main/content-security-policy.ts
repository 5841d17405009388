type Headers = Record<string, string | string[]>;

/** The response headers with our CSP in place of any the response brought. */
export const withContentSecurityPolicy = (headers: Headers | undefined, csp: string): Headers => {
  const kept = Object.entries(headers ?? {}).filter(
    ([name]) => name.toLowerCase() !== 'content-security-policy',
  );
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [csp] };
};

/** The part of `WebRequest` that rewrites response headers. */
export type HeaderRewriter = {
  onHeadersReceived(
    listener: (
      details: { readonly responseHeaders?: Record<string, string[]> },
      callback: (response: { responseHeaders?: Headers }) => void,
    ) => void,
  ): void;
};

/**
 * The built page carries the same policy as a <meta>. The header is defence in depth: it holds
 * from the first byte (a <meta> only from where it is parsed), and it also governs the workers
 * the page starts.
 */
export const enforceContentSecurityPolicy = (webRequest: HeaderRewriter, csp: string): void => {
  webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, csp) }),
  );
};
