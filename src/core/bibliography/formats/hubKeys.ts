/**
 * EdTech Hub evidence-library identifiers.
 *
 * The Hub's library (a Kerko site over Zotero) gives every item an 8-character Zotero key, shown as
 * https://docs.edtechhub.org/lib/KEY; Hub publications also carry DOIs under the prefix 10.53832,
 * e.g. 10.53832/edtechhub.0176. The ⇡ links in Hub writing point at the library URL.
 */

export const HUB_LIBRARY_URL = 'https://docs.edtechhub.org/lib/';
/** The DOI prefix registered to EdTech Hub. */
export const HUB_DOI_PREFIX = '10.53832/';

// Zotero keys are 8 characters from [A-Z0-9]; the library accepts them in any case.
const LIBRARY_KEY = /docs\.edtechhub\.org\/lib\/([A-Za-z0-9]{8})(?![A-Za-z0-9])/;
const HUB_DOI = /10\.53832\/(edtechhub\.[A-Za-z0-9._-]*[A-Za-z0-9])/i;

/** The 8-char library key in a `docs.edtechhub.org/lib/KEY` link inside `text`, upper-cased; else undefined. */
export function hubKeyOf(text: string | undefined): string | undefined {
  if (!text || !text.includes('edtechhub.org/lib/')) return undefined;
  const match = LIBRARY_KEY.exec(text);
  return match ? match[1].toUpperCase() : undefined;
}

/** The suffix of a Hub DOI inside `text` ('edtechhub.0176' for 10.53832/edtechhub.0176), lower-cased. */
export function hubDoiSuffixOf(text: string | undefined): string | undefined {
  if (!text || !text.includes('10.53832')) return undefined;
  const match = HUB_DOI.exec(text);
  return match ? match[1].toLowerCase() : undefined;
}

/**
 * The forms under which an entry can be looked up by Hub identifier: the library key, the Hub DOI
 * suffix and the whole Hub DOI, all normalised by `normaliseHubLookupKey`.
 */
export function normaliseHubLookupKey(key: string): string {
  let k = key.trim();
  const fromUrl = hubKeyOf(k);
  if (fromUrl) return fromUrl;
  k = k.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '').replace(/^doi:/i, '');
  if (k.toLowerCase().startsWith(HUB_DOI_PREFIX)) k = k.slice(HUB_DOI_PREFIX.length);
  return /^[A-Za-z0-9]{8}$/.test(k) ? k.toUpperCase() : k.toLowerCase();
}
