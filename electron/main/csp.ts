/**
 * The page may run only its own scripts. Styles allow inline because Ant Design injects its CSS-in-JS at run
 * time; nothing else is loosened. Sent as a header by the app protocol and as a meta tag in the built page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Browsers ignore (and warn about) frame-ancestors in a meta tag, so the built page's copy leaves it out. */
export const CONTENT_SECURITY_POLICY_META = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ')
