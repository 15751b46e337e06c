/**
 * The Evidence panel's Content-Security-Policy. VS Code hands the webview a `cspSource` that is a list
 * of source expressions (`'self' https://*.vscode-cdn.net`, with the extension's own https origin in
 * front for web extensions). Each expression is checked against the CSP grammar and kept only if it
 * is one a strict policy may allow; anything else is dropped whole, so a hostile or malformed value
 * can neither add a directive nor loosen one.
 */

/** What the panel loads: nothing by default, our stylesheet, images/fonts, and one nonce-tagged script. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  const sources = allowedSources(cspSource).join(' ') || "'none'";
  return [
    "default-src 'none'",
    `img-src ${sources}`,
    `font-src ${sources}`,
    `style-src ${sources}`,
    `script-src 'nonce-${cleanNonce(nonce)}'`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** A nonce as the CSP grammar allows it (base64 or base64url characters only). */
export function cleanNonce(nonce: string): string {
  return nonce.replace(/[^A-Za-z0-9+/=_-]/g, '');
}

/** The source expressions of `cspSource` that a strict policy may list, in order, without repeats. */
export function allowedSources(cspSource: string): string[] {
  const kept: string[] = [];
  for (const token of cspSource.split(/[\t\n\f\r ]+/)) {
    if (token && isAllowedSource(token) && !kept.includes(token)) kept.push(token);
  }
  return kept;
}

// CSP Level 3 grammar (https://www.w3.org/TR/CSP3/#grammardef-source-expression), restricted:
const SCHEME = '[A-Za-z][A-Za-z0-9+.-]*';
const HOST = '(?:\\*\\.)?[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*';
const PORT = '(?::(?:[0-9]+|\\*))?';
// path-absolute, without the characters CSP reserves (";" ",") or that could leave the attribute.
const PATH = '(?:/[A-Za-z0-9\\-._~!$&()*+=:@%/]*)?';
const HOST_SOURCE = new RegExp(`^(?:${SCHEME}://)?${HOST}${PORT}${PATH}$`);
const SCHEME_SOURCE = new RegExp(`^${SCHEME}:$`);
/**
 * Schemes that, listed bare, would allow any content of their kind (every https origin, inline data):
 * a strict policy never lists them alone. VS Code's own schemes (vscode-resource:) are specific.
 */
const BROAD_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'ws:', 'wss:', 'data:', 'blob:', 'filesystem:', 'javascript:', 'file:']);

function isAllowedSource(token: string): boolean {
  // Of the keywords only 'self' is allowed: 'unsafe-inline', 'unsafe-eval', nonces and hashes are ours to set.
  if (token.startsWith("'")) return token === "'self'";
  if (SCHEME_SOURCE.test(token)) return !BROAD_SCHEMES.has(token.toLowerCase());
  // A host source; "*" alone (any origin) does not match HOST.
  return HOST_SOURCE.test(token);
}
