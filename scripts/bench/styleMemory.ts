/**
 * Run in a child process by the benchmark (node --expose-gc --import tsx): the time and heap that
 * citeproc's first render in a style costs, as a hover renders one entry and as a reference list
 * does (each by the style's variant for that use, see styleVariants), and, as the baseline, by the
 * whole style. Prints JSON.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hasStyle, registerStyle, renderBibliographyEntry } from '../../src/core/format/citationJsCsl';
import { EDTECHHUB_APA_CSL } from '../../src/core/format/styles/edtechhubApa';
import { cslItemOf, ReferenceFormatter } from '../../src/core/format/formatReference';
import type { BibEntry } from '../../src/core/types';

const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);

const [use, style] = process.argv.slice(2) as ['one-entry' | 'reference-list' | 'whole-style', 'apa' | 'edtechhub-apa'];
const entry: BibEntry = {
  key: 'hennessy2021',
  type: 'report',
  title: 'Technology use for teacher professional development in low- and middle-income countries',
  authors: [{ family: 'Hennessy', given: 'Sara' }],
  year: 2021,
  keywords: [],
  csl: { type: 'report', title: 'Technology use for teacher professional development', author: [{ family: 'Hennessy', given: 'Sara' }], issued: { 'date-parts': [[2021]] }, publisher: 'EdTech Hub' },
} as unknown as BibEntry;
const formatter = new ReferenceFormatter();
// citation-js itself loaded and warmed on a tiny style first, so the figure is the style's alone.
const tiny = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'style-memory-')), 'tiny.csl');
fs.writeFileSync(tiny, '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>Tiny</title><id>tiny</id><updated>2026-01-01T00:00:00+00:00</updated></info><citation><layout><text variable="title"/></layout></citation><bibliography><layout><text variable="title"/></layout></bibliography></style>');
if (formatter.formatResult(entry, { cslFile: tiny }).template === 'apa') throw new Error('the tiny style was not used');
fs.rmSync(path.dirname(tiny), { recursive: true });
if (style === 'edtechhub-apa' && !hasStyle(style)) registerStyle(style, EDTECHHUB_APA_CSL); // (the formatter registers it on first use)
gc();
const heapBefore = process.memoryUsage().heapUsed;
const start = performance.now();
const text =
  use === 'one-entry'
    ? formatter.format(entry, style)
    : use === 'reference-list'
      ? formatter.formatBibliography([entry], style).references[0]?.html
      : renderBibliographyEntry(cslItemOf(entry), style, 'text');
const ms = performance.now() - start;
gc();
process.stdout.write(JSON.stringify({ ms, heapMB: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20, ok: Boolean(text && text.includes('Hennessy')) }));
