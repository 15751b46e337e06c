/**
 * References rendered with CSL styles through citation-js (citeproc-js): APA 7 (built into
 * citation-js), the EdTech Hub's own style ("EdTech Hub APA", bundled), or any .csl file.
 *
 * Never throws. `ReferenceFormatter.format` returns the text; `formatResult` also says which style
 * was used and why another could not be (a bad .csl file falls back to APA with an `error` the
 * caller can show).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { plainReference } from './labels';
import type { BibEntry } from '../types';
import { hasStyle, registerStyle, renderBibliography, renderBibliographyEntry, styleXml } from './citationJsCsl';
import { styleFor, type StyleUse } from './styleVariants';
import { EDTECHHUB_APA_CSL } from './styles/edtechhubApa';

export type CitationStyle = 'apa' | 'edtechhub-apa' | { readonly cslFile: string };
export type ReferenceOutput = 'text' | 'html';

export interface FormattedReference {
  /** The reference: plain text, or the HTML of one entry (no wrapping div). */
  readonly text: string;
  /** The citation-js template actually used ('apa', 'edtechhub-apa' or 'csl-file:…'). */
  readonly template: string;
  /** Why the requested style was not used (the reference is then in APA, or plain if even that failed). */
  readonly error?: string;
}

export interface FormattedBibliography {
  /** The entries' references as HTML fragments (no wrapping div), in the style's order. */
  readonly references: readonly { readonly key: string; readonly html: string }[];
  /** The citation-js template used ('apa', 'edtechhub-apa', 'csl-file:…', or 'none' for plain references). */
  readonly template: string;
  /** Why the requested style was not used. */
  readonly error?: string;
}

const EDTECHHUB_TEMPLATE = 'edtechhub-apa';

/**
 * Formats references. Remembers the .csl files it has read (re-read when a file changes): one per
 * evidence service, or per formatting worker. Never throws.
 */
export class ReferenceFormatter {
  /** .csl files already registered, by absolute path. */
  private readonly cslFiles = new Map<string, { mtimeMs: number; resolved: ResolvedTemplate }>();

  format(entry: BibEntry, style: CitationStyle = 'apa', output: ReferenceOutput = 'text'): string {
    return this.formatResult(entry, style, output).text;
  }

  formatResult(entry: BibEntry, style: CitationStyle = 'apa', output: ReferenceOutput = 'text'): FormattedReference {
    const item = cslItemOf(entry);
    const suffix = yearSuffixOf(entry);
    const resolved = this.resolveTemplate(style);
    if (resolved.template !== 'apa') {
      try {
        return { text: render(item, resolved.template, output, suffix), template: resolved.template };
      } catch (err) {
        resolved.error = `${styleName(style)} could not format '${entry.key}': ${messageOf(err)}; showing APA instead`;
      }
    }
    try {
      return { text: render(item, 'apa', output, suffix), template: 'apa', ...(resolved.error ? { error: resolved.error } : {}) };
    } catch (err) {
      const error = [resolved.error, `APA could not format '${entry.key}': ${messageOf(err)}`].filter(Boolean).join('; ');
      return { text: fallbackReference(entry, output), template: 'none', error };
    }
  }

  /**
   * Several entries as one bibliography in `style` (sorted and disambiguated as the style says: the
   * reference list). Never throws: a style that fails falls back to APA, and APA to plain references.
   */
  formatBibliography(entries: readonly BibEntry[], style: CitationStyle = 'apa'): FormattedBibliography {
    const items = entries.map(cslItemOf);
    const resolved = this.resolveTemplate(style);
    const tried = resolved.template === 'apa' ? ['apa'] : [resolved.template, 'apa'];
    const errors = resolved.error ? [resolved.error] : [];
    for (const template of tried) {
      try {
        const references = bibliographyEntries(renderBibliography(items, variantOf(template, 'reference-list'), 'html'));
        if (references.length !== entries.length) throw new Error(`the style rendered ${references.length} of ${entries.length} references`);
        return { references, template, ...(errors.length ? { error: errors.join('; ') } : {}) };
      } catch (err) {
        errors.push(`${template === 'apa' ? 'APA' : styleName(style)} could not format the reference list: ${messageOf(err)}${template === 'apa' ? '' : '; using APA instead'}`);
      }
    }
    return { references: entries.map((e) => ({ key: e.key, html: escapeHtml(plainReference(e)) })), template: 'none', error: errors.join('; ') };
  }

  private resolveTemplate(style: CitationStyle): ResolvedTemplate {
    if (style === 'apa') return { template: 'apa' };
    if (style === 'edtechhub-apa') {
      // Registered lazily: parsing the style costs a little and most sessions never show it.
      if (!hasStyle(EDTECHHUB_TEMPLATE)) registerStyle(EDTECHHUB_TEMPLATE, EDTECHHUB_APA_CSL);
      return { template: EDTECHHUB_TEMPLATE };
    }
    if (style && typeof style === 'object' && typeof style.cslFile === 'string') return this.cslFileTemplate(style.cslFile);
    return { template: 'apa', error: `unknown citation style ${JSON.stringify(style)}; showing APA instead` };
  }

  private cslFileTemplate(file: string): ResolvedTemplate {
    const abs = path.resolve(file);
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(abs).mtimeMs;
    } catch (err) {
      return { template: 'apa', error: `CSL style ${abs} cannot be read (${messageOf(err)}); showing APA instead` };
    }
    const cached = this.cslFiles.get(abs);
    if (cached && cached.mtimeMs === mtimeMs) return { ...cached.resolved };
    let resolved: ResolvedTemplate;
    try {
      const xml = fs.readFileSync(abs, 'utf8');
      const problem = cslProblem(xml);
      if (problem) {
        resolved = { template: 'apa', error: `CSL style ${abs} is not usable: ${problem}; showing APA instead` };
      } else {
        // citation-js caches one engine per template name (for the whole process), so a changed file
        // needs a new name, and a file another formatter registered is not registered again.
        const template = `csl-file:${abs}#${mtimeMs}`;
        if (!hasStyle(template)) registerStyle(template, xml);
        resolved = { template };
      }
    } catch (err) {
      resolved = { template: 'apa', error: `CSL style ${abs} cannot be read (${messageOf(err)}); showing APA instead` };
    }
    this.cslFiles.set(abs, { mtimeMs, resolved });
    return { ...resolved };
  }
}

// ---------------------------------------------------------------------------------------------

/** One entry in `template`, rendered by the template's one-entry variant (see styleVariants). */
function render(item: { readonly id: string }, template: string, output: ReferenceOutput, yearSuffix?: string): string {
  const raw = renderBibliographyEntry(item, variantOf(template, 'one-entry'), output, yearSuffix);
  let text = raw.trim();
  if (output === 'html') {
    // citeproc wraps each entry in <div class="csl-entry">…</div> inside a csl-bib-body div.
    const m = /<div[^>]*class="csl-entry"[^>]*>([\s\S]*?)<\/div>\s*<\/div>\s*$/.exec(raw);
    text = (m ? m[1]! : raw).trim();
  }
  // A style whose layout refers to something it lacks (an undefined macro…) renders nothing.
  if (!text) throw new Error('the style produced an empty reference');
  return text;
}

/** The name `template`'s variant for `use` is registered under (registered on first use; see styleVariants). */
export function variantOf(template: string, use: StyleUse): string {
  const variant = `${template}|${use}`;
  if (hasStyle(variant)) return variant;
  const xml = styleXml(template);
  if (xml === undefined) return template;
  registerStyle(variant, styleFor(use, xml));
  return variant;
}

interface ResolvedTemplate {
  template: string;
  error?: string;
}

/** A cheap sanity check before citeproc sees the text; citeproc's own errors are caught later. */
function cslProblem(xml: string): string | undefined {
  if (!/<style[\s>]/.test(xml)) return 'no <style> element (is this a CSL file?)';
  if (!xml.includes('http://purl.org/net/xbiblio/csl')) return 'not in the CSL namespace (http://purl.org/net/xbiblio/csl)';
  if (!/<bibliography[\s>]/.test(xml)) return 'it has no <bibliography> section';
  return undefined;
}

function styleName(style: CitationStyle): string {
  if (style === 'apa') return 'APA';
  if (style === 'edtechhub-apa') return 'EdTech Hub APA';
  return `CSL style ${typeof style === 'object' && style ? path.resolve(style.cslFile) : String(style)}`;
}

/** The entry's CSL-JSON with its key as id (citeproc needs an id), rebuilt from fields if missing. */
export function cslItemOf(entry: BibEntry): Record<string, unknown> & { id: string } {
  const csl = entry.csl && typeof entry.csl === 'object' ? entry.csl : {};
  if (Object.keys(csl).length > 0) return { ...csl, id: entry.key, type: csl.type ?? entry.type };
  const item: Record<string, unknown> & { id: string } = { id: entry.key, type: entry.type || 'document' };
  if (entry.title) item.title = entry.title;
  if (entry.authors.length) item.author = entry.authors;
  if (entry.editors?.length) item.editor = entry.editors;
  if (entry.year !== undefined) item.issued = { 'date-parts': [[entry.year]] };
  if (entry.container) item['container-title'] = entry.container;
  if (entry.publisher) item.publisher = entry.publisher;
  if (entry.doi) item.DOI = entry.doi;
  if (entry.url) item.URL = entry.url;
  return item;
}

/** The letter of a year label ("b" of 2016b), which CSL leaves to the processor to assign. */
function yearSuffixOf(entry: BibEntry): string | undefined {
  const label = entry.yearLabel;
  return label !== undefined && entry.year !== undefined && label.length === String(entry.year).length + 1 ? label.slice(-1) : undefined;
}

/** Last resort when citeproc fails even with APA: a reference from the fields we have. */
function fallbackReference(entry: BibEntry, output: ReferenceOutput): string {
  const text = plainReference(entry);
  return output === 'html' ? escapeHtml(text) : text;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}


function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The entries of citeproc's HTML bibliography, by id. Numbered styles put a label and the text in inner divs. */
function bibliographyEntries(html: string): { key: string; html: string }[] {
  const starts = [...html.matchAll(/<div data-csl-entry-id="([^"]*)" class="csl-entry">/g)];
  return starts.map((m, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.index : html.lastIndexOf('</div>');
    const body = html
      .slice(m.index + m[0].length, end)
      .trim()
      .replace(/<\/div>\s*$/, '')
      .replace(/<div class="csl-left-margin">([\s\S]*?)<\/div>\s*/g, '$1 ')
      .replace(/<\/?div[^>]*>/g, '')
      .trim();
    return { key: decodeEntities(m[1]!), html: body };
  });
}

function decodeEntities(s: string): string {
  return s.replace(/&#(\d+);|&(amp|lt|gt|quot);/g, (_, n: string | undefined, named: string | undefined) =>
    n ? String.fromCodePoint(Number(n)) : ({ amp: '&', lt: '<', gt: '>', quot: '"' } as Record<string, string>)[named!]!,
  );
}
