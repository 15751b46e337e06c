/**
 * Renders the Evidence panel as HTML. Everything from the document or the bibliography is escaped;
 * the page loads only its own stylesheet and one nonce-tagged script (strict CSP, no inline code,
 * no remote content). Buttons carry `data-action` attributes that media/panel.js turns into messages.
 */
import { randomBytes } from 'node:crypto';
import { cleanNonce, contentSecurityPolicy } from './csp';
import { escapeHtml as esc, safeExternalUrl } from './escapeHtml';
import type { CitedWorkView, EntryView, LeastRelatedView, PanelContent, PanelState, SectionCoverage, UncitedClaimView, WeakSupportView } from './panelModel';

export interface RenderOptions {
  /** The webview's `cspSource`: source expressions for its local resources (`'self' https://*.vscode-cdn.net`). */
  readonly cspSource: string;
  /** A fresh random nonce for this render (see createNonce). */
  readonly nonce: string;
  /** Webview URIs of media/panel.js and media/panel.css. */
  readonly scriptUri: string;
  readonly styleUri: string;
}

/** A fresh nonce: 128 random bits, base64. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The whole HTML page for the webview. */
export function renderPanel(content: PanelContent, options: RenderOptions): string {
  const nonce = cleanNonce(options.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy(options.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${esc(options.styleUri)}">
<title>Evidence</title>
</head>
<body>
<div id="content" aria-live="polite">${renderPanelBody(content)}</div>
<script nonce="${esc(nonce)}" src="${esc(options.scriptUri)}"></script>
</body>
</html>
`;
}

/** The panel's content (what updates replace, without reloading the page). */
export function renderPanelBody(content: PanelContent): string {
  if (content.kind === 'message') {
    return `<main class="empty"><p class="message">${esc(content.text)}</p></main>`;
  }
  const state = content;
  return `<main data-uri="${esc(state.document.uri)}" data-version="${int(state.document.version)}" aria-label="${esc(`Evidence for ${state.document.name}`)}">
<h1 class="doc-name" title="${esc(state.document.uri)}">${esc(state.document.name)}</h1>
${renderCoverage(state)}
${renderUncited(state)}
${renderWeaklySupported(state)}
${renderLeastRelated(state)}
${renderCited(state)}
</main>`;
}

function renderCoverage(state: PanelState): string {
  const { claims, supported, coverage } = state.summary;
  const headline =
    coverage === undefined
      ? '<p class="headline">No claims found.</p>'
      : `<p class="headline"><span class="coverage-value ${level(coverage)}">${int(coverage)}%</span> of claims supported</p>`;
  const sections = state.sections.length
    ? `<h3 id="sections-heading">By section</h3>
<ul class="sections" aria-labelledby="sections-heading">
${state.sections.map(renderSection).join('\n')}
</ul>`
    : '';
  return `<section class="coverage" aria-labelledby="coverage-heading">
<h2 id="coverage-heading">Coverage</h2>
${headline}
<dl class="stats">
<div><dt>Claims found</dt><dd data-stat="claims">${int(claims)}</dd></div>
<div><dt>Supported</dt><dd data-stat="supported">${int(supported)}</dd></div>
<div><dt>Coverage</dt><dd data-stat="coverage">${coverage === undefined ? '—' : `${int(coverage)}%`}</dd></div>
</dl>
${sections}
</section>`;
}

function renderSection(section: SectionCoverage): string {
  const summary = `${section.supported} of ${section.claims} claims supported (${section.coverage}%)`;
  const weakest = section.weakest ? ' <span class="badge weakest">weakest</span>' : '';
  // An SVG bar: its width is an attribute, so it needs no inline style (which the CSP forbids).
  return `<li class="section ${level(section.coverage)}${section.weakest ? ' is-weakest' : ''}">
<span class="section-title">${esc(section.title)}${weakest}</span>
<svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label="${esc(`${section.title}: ${summary}`)}"><rect class="bar-track" x="0" y="0" width="100" height="6"></rect><rect class="bar-fill" x="0" y="0" width="${int(section.coverage)}" height="6"></rect></svg>
<span class="section-figures">${int(section.supported)}/${int(section.claims)} · ${int(section.coverage)}%</span>
</li>`;
}

function renderUncited(state: PanelState): string {
  const total = state.uncited.length + state.uncitedNotListed;
  const more =
    (state.uncitedNotListed ? `<p class="note">${int(state.uncitedNotListed)} more not listed.</p>` : '') +
    (state.uncitedSuppressed
      ? `<p class="note">${int(state.uncitedSuppressed)} silenced by evidence-lint comments.</p>`
      : '');
  const body = total
    ? `<ol class="claims">
${state.uncited.map(renderClaim).join('\n')}
</ol>
${more}`
    : state.uncitedSuppressed
      ? more
      : '<p class="note">Every claim cites evidence.</p>';
  return `<section class="uncited" aria-labelledby="uncited-heading">
<h2 id="uncited-heading">Uncited claims <span class="count">(${int(total)})</span></h2>
${body}
</section>`;
}

function renderClaim(claim: UncitedClaimView): string {
  const where = claim.section ? `<span class="claim-section">${esc(claim.section)}</span>` : '';
  const reasons = claim.reasons.length
    ? `<ul class="reasons" aria-label="Why this reads as a claim">${claim.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>`
    : '';
  const unknown = claim.unknownCited?.length
    ? `<p class="note unknown-cited">Cites only ${claim.unknownCited.length === 1 ? 'a key' : 'keys'} not in the bibliography: ${claim.unknownCited.map((k) => `<code>${esc(k)}</code>`).join(', ')}</p>`
    : '';
  const suggestions = claim.suggestions.length
    ? `<div class="suggestions" role="group" aria-label="Suggested evidence">
<span class="suggestions-label">Cite:</span>
<ul>${claim.suggestions.map((e) => renderSuggestion(claim, e)).join('')}</ul>
</div>`
    : '<p class="note">No suggestion from the bibliography.</p>';
  return `<li class="claim" data-focus-id="claim:${int(claim.span.start)}">
<button type="button" class="link claim-text" data-action="reveal" data-offset="${int(claim.span.start)}" data-focus-id="reveal:${int(claim.span.start)}" aria-label="${esc(`Go to claim: ${claim.text}`)}">${esc(claim.text)}</button>
<div class="claim-meta">${where}<span class="claim-score" title="How strongly this reads as a claim needing evidence">score ${esc(claim.score.toFixed(2))}</span></div>
${reasons}
${unknown}
${suggestions}
</li>`;
}

function renderSuggestion(claim: UncitedClaimView, entry: EntryView): string {
  const label = `Insert citation of ${entry.label}${entry.title ? `: ${entry.title}` : ''}`;
  return `<li><button type="button" class="suggestion" data-action="insert" data-offset="${int(claim.insertOffset)}" data-key="${esc(entry.key)}" data-focus-id="${esc(`insert:${claim.insertOffset}:${entry.key}`)}" title="${esc(entry.reference)}" aria-label="${esc(label)}">+ ${esc(entry.label)}</button>${
    entry.title ? ` <span class="suggestion-title">${esc(entry.title)}</span>` : ''
  }</li>`;
}

function renderWeaklySupported(state: PanelState): string {
  if (state.weaklySupported.length === 0) return '';
  return `<section class="weak-support" aria-labelledby="weak-heading">
<h2 id="weak-heading">Resting on a blog post or preprint <span class="count">(${int(state.weaklySupported.length)})</span></h2>
<p class="note">These claims cite only blog posts, news or preprints.</p>
<ol class="claims">
${state.weaklySupported.map(renderWeakClaim).join('\n')}
</ol>
</section>`;
}

function renderWeakClaim(claim: WeakSupportView): string {
  const where = claim.section ? `<span class="claim-section">${esc(claim.section)}</span>` : '';
  const works = claim.works.map((w) => `<li><span class="badge warning">${esc(w.evidence.split(' · ').find((p) => p !== 'EdTech Hub output') ?? w.evidence)}</span> ${esc(w.label)}</li>`).join('');
  return `<li class="claim weak" data-focus-id="weak:${int(claim.span.start)}">
<button type="button" class="link claim-text" data-action="reveal" data-offset="${int(claim.span.start)}" data-focus-id="reveal-weak:${int(claim.span.start)}" aria-label="${esc(`Go to claim: ${claim.text}`)}">${esc(claim.text)}</button>
<div class="claim-meta">${where}</div>
<ul class="weak-works" aria-label="What it cites">${works}</ul>
</li>`;
}

function renderLeastRelated(state: PanelState): string {
  if (state.leastRelated.length === 0) return '';
  return `<section class="least-related" aria-labelledby="least-related-heading">
<h2 id="least-related-heading">Least related citations <span class="count">(${int(state.leastRelated.length)})</span></h2>
<p class="note">The cited work's title, abstract and keywords share little or nothing with the sentence: does it say that?</p>
<ol class="citations">
${state.leastRelated.map(renderLeastRelatedItem).join('\n')}
</ol>
</section>`;
}

function renderLeastRelatedItem(c: LeastRelatedView): string {
  const shared = c.shared.length ? `shares ${c.shared.map((w) => `“${esc(w)}”`).join(', ')}` : 'shares no word';
  return `<li class="least-related-item" data-focus-id="related:${int(c.span.start)}">
<button type="button" class="link claim-text" data-action="reveal" data-offset="${int(c.span.start)}" data-focus-id="reveal-related:${int(c.span.start)}" aria-label="${esc(`Go to the citation of ${c.entry.label}`)}">${esc(c.text)}</button>
<div class="claim-meta"><span class="work-label">${esc(c.entry.label)}</span>${c.entry.title ? ` <span class="suggestion-title">${esc(c.entry.title)}</span>` : ''}</div>
<div class="claim-meta"><span class="relevance-score" title="How related the work is to the sentence (0–1)">relevance ${esc(c.score.toFixed(2))}</span> · ${shared}</div>
</li>`;
}

function renderCited(state: PanelState): string {
  const unknown = state.cited.filter((w) => w.status === 'unknown').length;
  const flag = unknown ? ` <span class="badge problem">${int(unknown)} unknown</span>` : '';
  const body = state.cited.length
    ? `<ul class="works">
${state.cited.map(renderWork).join('\n')}
</ul>`
    : '<p class="note">The document cites no works yet.</p>';
  return `<section class="cited" aria-labelledby="cited-heading">
<h2 id="cited-heading">Cited works <span class="count">(${int(state.cited.length)})</span>${flag}</h2>
${body}
</section>`;
}

function renderWork(work: CitedWorkView): string {
  const times = `${work.count} ${work.count === 1 ? 'time' : 'times'}`;
  const statusBadge =
    work.status === 'unknown'
      ? ' <span class="badge problem">unknown key</span>'
      : work.status === 'ambiguous'
        ? ' <span class="badge warning">ambiguous</span>'
        : '';
  const firstUse = work.occurrences[0];
  const goTo = firstUse
    ? `<button type="button" class="secondary" data-action="reveal" data-offset="${int(firstUse.start)}" data-focus-id="${esc(`first-use:${work.id}`)}">Go to first use</button>`
    : '';
  let detail: string;
  if (work.entry) {
    detail = renderEntryDetail(work.entry, goTo);
  } else if (work.candidates?.length) {
    detail = `<p class="note">Matches ${int(work.candidates.length)} entries; use a key to say which:</p>
${work.candidates.map((c) => renderEntryDetail(c, '')).join('\n')}
<p class="actions">${goTo}</p>`;
  } else {
    detail = `<p class="note">Not in the bibliography.</p><p class="actions">${goTo}</p>`;
  }
  return `<li class="work ${work.status}">
<details data-focus-id="${esc(`work:${work.id}`)}">
<summary aria-label="${esc(`${work.label}, cited ${times}${work.status === 'known' ? '' : `, ${work.status}`}`)}"><span class="work-label">${esc(work.label)}</span>${statusBadge} <span class="badge count" title="${esc(`cited ${times}`)}">×${int(work.count)}</span></summary>
<div class="entry-detail">
${detail}
</div>
</details>
</li>`;
}

function renderEntryDetail(entry: EntryView, extraAction: string): string {
  const links: string[] = [];
  const doi = safeExternalUrl(entry.doiUrl);
  if (doi) links.push(`<li>DOI: ${externalLink(doi, doi.replace(/^https:\/\/doi\.org\//, ''))}</li>`);
  const url = safeExternalUrl(entry.url);
  if (url && url !== doi) links.push(`<li>URL: ${externalLink(url, url)}</li>`);
  else if (!url && entry.url) links.push(`<li>URL: <span class="plain-url">${esc(entry.url)}</span></li>`);
  return `<div class="entry" data-key="${esc(entry.key)}">
<p class="reference">${esc(entry.reference)}</p>
<p class="evidence-kind">${esc(entry.evidence)}</p>
${links.length ? `<ul class="links">${links.join('')}</ul>` : ''}
<p class="entry-key">Key: <code>${esc(entry.key)}</code></p>
<p class="actions"><button type="button" class="secondary" data-action="openEntry" data-key="${esc(entry.key)}" data-focus-id="${esc(`open:${entry.key}`)}">Open in bibliography</button>${extraAction}</p>
</div>`;
}

function externalLink(href: string, text: string): string {
  return `<a href="${esc(href)}" data-action="openExternal" data-url="${esc(href)}">${esc(text)}</a>`;
}

/** Coverage level for colouring (always shown with the number too, never colour alone). */
function level(coverage: number): string {
  return coverage >= 80 ? 'level-high' : coverage >= 50 ? 'level-mid' : 'level-low';
}

/** Numbers placed into markup: finite integers only. */
function int(value: number): string {
  return Number.isFinite(value) ? String(Math.trunc(value)) : '0';
}
