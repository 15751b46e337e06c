/**
 * Escaping for text placed into the Evidence panel's HTML. Every piece of document or bibliography
 * text goes through one of these: a title such as `<img src=x onerror=alert(1)>` must show as text.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for an HTML text node or a double- or single-quoted attribute value. */
export function escapeHtml(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  // C0 control characters (except tab and newlines) are dropped: they are never meaningful here.
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[&<>"'`]/g, (ch) => HTML_ESCAPES[ch]);
}

/**
 * A URL safe to put in an href: only http(s), returned escaped for an attribute; undefined for
 * anything else (javascript:, data:, relative paths…), which is then shown as plain text.
 */
export function safeExternalUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s<>"']+$/i.test(trimmed)) return undefined;
  try {
    const parsed = new URL(trimmed);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return parsed.href;
  } catch {
    return undefined;
  }
}

/** The https://doi.org/ address of a DOI (bare or already a URL), or undefined if it is not a DOI. */
export function doiUrl(doi: string | undefined): string | undefined {
  if (!doi) return undefined;
  const bare = doi.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
  if (!/^10\.\d{4,9}\/\S+$/.test(bare)) return undefined;
  // encodeURI keeps the DOI's slashes readable while escaping spaces, quotes and angle brackets.
  return `https://doi.org/${encodeURI(bare).replace(/[#?]/g, encodeURIComponent)}`;
}
