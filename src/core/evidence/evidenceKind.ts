/**
 * What kind of evidence a cited work is, read from the entry's own fields only: a peer-reviewed
 * article, a report or working paper, a book or chapter, a thesis, a preprint (the DOI, server or
 * container of arXiv, SSRN, OSF, bioRxiv, medRxiv, EdArXiv, Research Square…), a blog post or news,
 * a dataset, software, or other; whether it is an EdTech Hub output; and its age. For hovers,
 * completion details and the Evidence panel: information for a reviewer, never a rule.
 */
import { foldLetters } from '../text/foldLetters';
import type { BibEntry } from '../types';

export type EvidenceKind = 'peer-reviewed' | 'report' | 'book' | 'thesis' | 'preprint' | 'blog-or-news' | 'dataset' | 'software' | 'other';

export interface EvidenceProfile {
  readonly kind: EvidenceKind;
  /** What to call it: "Peer-reviewed article", "Conference paper", "Working paper", "Preprint (arXiv)", "Blog post"… */
  readonly label: string;
  /** Published by EdTech Hub: a Hub DOI, a Hub library link, EdTech Hub as publisher or author. */
  readonly hubOutput: boolean;
  readonly year?: number;
  /** Whole years since `year` (0 in its own year). */
  readonly age?: number;
}

interface PreprintServer {
  readonly name: string;
  readonly doi?: RegExp;
  readonly host?: RegExp;
  /** Container or publisher names. */
  readonly venue?: RegExp;
}

const PREPRINT_SERVERS: readonly PreprintServer[] = [
  { name: 'arXiv', doi: /^10\.48550\/arxiv\./i, host: /(^|\.)arxiv\.org$/, venue: /^(?:arxiv\b|corr$)/i },
  { name: 'SSRN', doi: /^10\.2139\/ssrn\./i, host: /(^|\.)ssrn\.com$/, venue: /^ssrn\b/i },
  { name: 'bioRxiv', doi: /^10\.1101\/(?:\d{4}\.\d\d\.\d\d\.)?\d{6}/, host: /(^|\.)biorxiv\.org$/, venue: /^biorxiv\b/i },
  { name: 'medRxiv', host: /(^|\.)medrxiv\.org$/, venue: /^medrxiv\b/i },
  { name: 'EdArXiv', doi: /^10\.35542\//, host: /(^|\.)edarxiv\.org$/, venue: /^edarxiv\b/i },
  { name: 'PsyArXiv', doi: /^10\.31234\//, host: /(^|\.)psyarxiv\.com$/, venue: /^psyarxiv\b/i },
  { name: 'SocArXiv', doi: /^10\.31235\//, venue: /^socarxiv\b/i },
  { name: 'EarthArXiv', doi: /^10\.31223\//, host: /(^|\.)eartharxiv\.org$/, venue: /^eartharxiv\b/i },
  { name: 'OSF Preprints', doi: /^10\.31219\/osf\.io\//i, venue: /^osf preprints\b/i },
  { name: 'Research Square', doi: /^10\.21203\/rs\./i, host: /(^|\.)researchsquare\.com$/, venue: /^research square\b/i },
  { name: 'Preprints.org', doi: /^10\.20944\/preprints/i, host: /(^|\.)preprints\.org$/ },
  { name: 'ChemRxiv', doi: /^10\.26434\/chemrxiv/i, venue: /^chemrxiv\b/i },
  { name: 'TechRxiv', doi: /^10\.36227\/techrxiv/i, venue: /^techrxiv\b/i },
  { name: 'PeerJ Preprints', doi: /^10\.7287\/peerj\.preprints/i, venue: /^peerj preprints\b/i },
  { name: 'Authorea', doi: /^10\.22541\/au\./i, venue: /^authorea\b/i },
  { name: 'SciELO Preprints', doi: /^10\.1590\/scielopreprints/i },
];

/** Repositories whose DOIs name data sets. */
const DATASET_DOI = /^10\.(?:5061\/dryad|7910\/dvn|3886\/icpsr|5255\/ukda|15139\/s3\/|6084\/m9\.figshare)/i;
/** DOIs of software packages (CRAN's). */
const SOFTWARE_DOI = /^10\.32614\/cran\.package\./i;
/** Book DOIs carry the ISBN (Springer, Palgrave: 10.1007/978-3-…). */
const BOOK_DOI = /^10\.\d+\/978-?\d/;
/** Hosts where a link to a work is a link to code. */
const SOFTWARE_HOST = /(^|\.)(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|cran\.r-project\.org|pypi\.org|bioconductor\.org|juliahub\.com|npmjs\.com|crates\.io)$/;
const BLOG_HOST = /(^|\.)(?:medium\.com|substack\.com|blogspot\.com|wordpress\.com|hypotheses\.org)$|^blogs?\./;
const NEWS_HOST = /(^|\.)(?:bbc\.co\.uk|bbc\.com|theguardian\.com|nytimes\.com|washingtonpost\.com|reuters\.com|apnews\.com|aljazeera\.com|economist\.com|ft\.com|theconversation\.com|devex\.com|nation\.africa|allafrica\.com)$/;
/** A WordPress-style dated path (`/2024/03/28/shaping-the-sector/`) or a /blog/ path. */
const BLOG_PATH = /\/(?:(?:19|20)\d\d\/[01]\d\/(?:[0-3]\d\/)?[^/]+|blogs?\/[^/]+)/i;
const HUB_DOI = /^10\.53832\/edtechhub/i;

export function evidenceProfile(entry: BibEntry, currentYear: number = new Date().getFullYear()): EvidenceProfile {
  const { kind, label } = kindOf(entry);
  const profile: { -readonly [K in keyof EvidenceProfile]: EvidenceProfile[K] } = { kind, label, hubOutput: isHubOutput(entry) };
  if (entry.year !== undefined) {
    profile.year = entry.year;
    profile.age = Math.max(0, currentYear - entry.year);
  }
  return profile;
}

/** "Peer-reviewed article · 2021 (5 years old)", "EdTech Hub output · Working paper · 2023 (3 years old)". */
export function evidenceLabel(profile: EvidenceProfile): string {
  const parts = profile.hubOutput ? ['EdTech Hub output', profile.label] : [profile.label];
  if (profile.year !== undefined && profile.age !== undefined) {
    const age = profile.age === 0 ? 'this year' : profile.age === 1 ? '1 year old' : `${profile.age} years old`;
    parts.push(`${profile.year} (${age})`);
  } else {
    parts.push('no date');
  }
  return parts.join(' · ');
}

/** Whether a claim resting only on works of these kinds rests on weak ground (a blog post, news or a preprint). */
export function isWeakEvidence(kind: EvidenceKind): boolean {
  return kind === 'blog-or-news' || kind === 'preprint';
}

function kindOf(entry: BibEntry): { kind: EvidenceKind; label: string } {
  const csl = entry.csl ?? {};
  const doi = entry.doi ?? '';
  const host = hostOf(entry.url);
  const venues = [entry.container, entry.publisher, stringField(csl, 'archive')].filter((v): v is string => Boolean(v)).map((v) => v.trim());
  // The venue first: bioRxiv and medRxiv share a DOI prefix.
  const server =
    PREPRINT_SERVERS.find((s) => s.venue && venues.some((v) => s.venue!.test(v))) ??
    PREPRINT_SERVERS.find((s) => s.doi?.test(doi)) ??
    (stringField(csl, 'number')?.match(/^arxiv:/i) ? PREPRINT_SERVERS[0] : undefined) ??
    // A link to a server counts only when no other DOI says where the work was published.
    (doi === '' || DATASET_DOI.test(doi) ? PREPRINT_SERVERS.find((s) => s.host && host && s.host.test(host)) : undefined);
  if (server) return { kind: 'preprint', label: `Preprint (${server.name})` };

  const genre = foldLetters(stringField(csl, 'genre') ?? '');
  switch (entry.type) {
    case 'article-journal':
      return { kind: 'peer-reviewed', label: 'Peer-reviewed article' };
    case 'paper-conference':
      return { kind: 'peer-reviewed', label: 'Conference paper' };
    case 'report': {
      const described = foldLetters([genre, entry.title, entry.container, stringField(csl, 'collection-title')].filter(Boolean).join(' '));
      if (/working paper/.test(described)) return { kind: 'report', label: 'Working paper' };
      if (/\b(?:policy|learning) brief\b/.test(described)) return { kind: 'report', label: 'Brief' };
      return { kind: 'report', label: 'Report' };
    }
    case 'book':
      return { kind: 'book', label: 'Book' };
    case 'chapter':
      return { kind: 'book', label: 'Book chapter' };
    case 'entry-encyclopedia':
    case 'entry-dictionary':
    case 'entry':
      return { kind: 'book', label: 'Reference entry' };
    case 'thesis':
      return { kind: 'thesis', label: /master/.test(genre) ? "Master's thesis" : /phd|doctor/.test(genre) ? 'PhD thesis' : /bachelor/.test(genre) ? "Bachelor's thesis" : 'Thesis' };
    case 'dataset':
      return { kind: 'dataset', label: 'Dataset' };
    case 'software':
      return { kind: 'software', label: 'Software' };
    case 'post-weblog':
      return { kind: 'blog-or-news', label: 'Blog post' };
    case 'article-newspaper':
      return { kind: 'blog-or-news', label: 'News article' };
    case 'article-magazine':
      return { kind: 'blog-or-news', label: 'Magazine article' };
    case 'post':
      return { kind: 'blog-or-news', label: 'Online post' };
    case 'article':
      // CSL's "article" is what Zotero writes for its Preprint item type.
      return { kind: 'preprint', label: 'Preprint' };
    default:
      return fromLink(entry, host, doi);
  }
}

/** Entries typed only "document", "webpage" or "manuscript": their DOI or link may still tell. */
function fromLink(entry: BibEntry, host: string | undefined, doi: string): { kind: EvidenceKind; label: string } {
  if (DATASET_DOI.test(doi)) return { kind: 'dataset', label: 'Dataset' };
  if (SOFTWARE_DOI.test(doi) || (host && SOFTWARE_HOST.test(host))) return { kind: 'software', label: 'Software' };
  if (BOOK_DOI.test(doi)) return { kind: 'book', label: entry.container ? 'Book chapter' : 'Book' };
  if (host && NEWS_HOST.test(host)) return { kind: 'blog-or-news', label: 'News article' };
  if (host && (BLOG_HOST.test(host) || BLOG_PATH.test(pathOf(entry.url)))) return { kind: 'blog-or-news', label: 'Blog post' };
  if (entry.type === 'webpage') return { kind: 'other', label: 'Web page' };
  if (entry.type === 'manuscript') return { kind: 'other', label: 'Manuscript' };
  if (entry.type === 'speech') return { kind: 'other', label: 'Presentation' };
  return { kind: 'other', label: host ? 'Web page' : 'Document' };
}

function isHubOutput(entry: BibEntry): boolean {
  if (HUB_DOI.test(entry.doi ?? '') || entry.hubKey) return true;
  const hub = (name: string | undefined) => name !== undefined && /^edtech hub\b/.test(foldLetters(name.trim()));
  if (hub(entry.publisher) || entry.authors.some((p) => hub(p.literal))) return true;
  const host = hostOf(entry.url);
  return host !== undefined && /(^|\.)edtechhub\.org$/.test(host);
}

function hostOf(url: string | undefined): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/i.exec(url?.trim() ?? '');
  return m ? m[1]!.toLowerCase().replace(/^www\./, '') : undefined;
}

function pathOf(url: string | undefined): string {
  return (url ?? '').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
}

function stringField(csl: Record<string, unknown>, name: string): string | undefined {
  const v = csl[name];
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}
