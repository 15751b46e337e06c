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

// ---------------------------------------------------------------------------------------------
// Zotero item keys: the Hub library key is the Zotero key of the item in the Hub's group library.
// ---------------------------------------------------------------------------------------------

/** The EdTech Hub's Zotero group library. */
export const HUB_ZOTERO_GROUP = '2405685';

/** Whose library a Zotero item is in: a group or user (as zotero.org numbers them) or Zotero's local library number. */
export interface ZoteroLibrary {
  readonly kind: 'group' | 'user' | 'local';
  readonly id: string;
}

export interface ZoteroItemId {
  /** The 8-character item key, upper-case. */
  readonly itemKey: string;
  readonly library?: ZoteroLibrary;
}

/**
 * Zotero's item URIs, as the desktop app, zotero.org and Zotero's CSL-JSON write them:
 * `zotero://select/groups/2405685/items/KEY`, `zotero://select/library/items/KEY`,
 * `zotero://select/items/1_KEY` (local library number _ key), `zotero://select/2405685/items/KEY`,
 * `http(s)://(www.)zotero.org/groups/2405685[/slug]/items/[itemKey/]KEY`, `…/users/123/items/KEY`
 * (`users/local/abc` for an unsynced library). `key` is the item key; the other groups say whose.
 */
export const ZOTERO_ITEM_URI =
  /(?:zotero:\/\/select\/(?:(?:groups\/(?<selectGroup>\d+)|users\/(?<selectUser>\d+)|library|(?<selectBare>\d+))\/items\/|items\/(?:(?<localId>\d+)_)?)|https?:\/\/(?:www\.)?zotero\.org\/(?:groups\/(?<group>\d+)(?:\/[A-Za-z0-9_-]+)?|users\/(?<user>\d+|local\/[A-Za-z0-9]+))\/items\/(?:itemKey\/)?)(?<key>[A-Za-z0-9]{8})(?![A-Za-z0-9])/g;

/** The item named by a match of ZOTERO_ITEM_URI. */
export function zoteroItemOfMatch(groups: Readonly<Record<string, string | undefined>>): ZoteroItemId {
  const itemKey = (groups.key ?? '').toUpperCase();
  const group = groups.selectGroup ?? groups.selectBare ?? groups.group;
  const user = groups.selectUser ?? groups.user;
  const library: ZoteroLibrary | undefined = group
    ? { kind: 'group', id: group }
    : user
      ? { kind: 'user', id: user.startsWith('local/') ? '0' : user }
      : groups.localId
        ? { kind: 'local', id: groups.localId }
        : undefined;
  return library ? { itemKey, library } : { itemKey };
}

/** ZOTERO_ITEM_URI for one search (no `g` flag, so it keeps no position between calls). */
const FIRST_ZOTERO_ITEM_URI = new RegExp(ZOTERO_ITEM_URI.source);

/** The Zotero item named by the first Zotero URI in `text`, if any. */
export function zoteroItemOf(text: string | undefined): ZoteroItemId | undefined {
  if (!text || !text.includes('zotero')) return undefined;
  const m = FIRST_ZOTERO_ITEM_URI.exec(text);
  return m?.groups ? zoteroItemOfMatch(m.groups) : undefined;
}

/** The Hub plugin's and Zotero's scannable-cite item ids: `zg:2405685:KEY` (group), `zu:0:KEY` (user; 0 = local). */
export const ZOTERO_SHORT_ID = /(?<prefix>z[gu]):(?<library>\d+|local):(?<key>[A-Za-z0-9]{8})(?![A-Za-z0-9])/;

const WHOLE_SHORT_ID = new RegExp(`^\\s*${ZOTERO_SHORT_ID.source}\\s*$`);

export function zoteroItemOfShortId(id: string): ZoteroItemId | undefined {
  const m = WHOLE_SHORT_ID.exec(id);
  if (!m?.groups) return undefined;
  const { prefix, library, key } = m.groups as { prefix: string; library: string; key: string };
  return { itemKey: key.toUpperCase(), library: { kind: prefix === 'zg' ? 'group' : 'user', id: library === 'local' ? '0' : library } };
}

/** The look-up form of a Zotero item key in BibliographyIndex (beside the Hub forms, in the same column). */
export function zoteroLookupForm(itemKey: string): string {
  return `zotero:${itemKey.toUpperCase()}`;
}
