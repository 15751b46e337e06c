import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { fromTransferEntry, toTransferEntry, transferBatches } from '../../../src/core/bibliography/entryTransfer';
import { attachLazyCsl, cslIsPending } from '../../../src/core/bibliography/lazyCsl';
import { parseBibliographyText } from '../../../src/core/bibliography/loadFile';

// Real EdTech Hub outputs (test/fixtures/lint/hub-outputs.bib, see its SOURCE.md).
const FILE = path.join(__dirname, '../../fixtures/lint/hub-outputs.bib');
const entries = parseBibliographyText(fs.readFileSync(FILE, 'utf8'), FILE).entries;

/** What a structured clone (postMessage) would deliver. */
const clone = <T>(value: T): T => deserialize(serialize(value)) as T;

describe('entries across threads (entryTransfer)', () => {
  it('an entry sent without its CSL object comes back equal, its CSL item parsed on first read', () => {
    assert.ok(entries.length > 100);
    for (const entry of entries) {
      const back = fromTransferEntry(clone(toTransferEntry(entry)));
      assert.ok(cslIsPending(back), `${entry.key}: CSL parsed before it was read`);
      assert.deepEqual(back, entry);
    }
  });

  it('does not parse a lazy CSL item to send it', () => {
    const entry = entries[0]!;
    const { csl, ...rest } = entry;
    const lazy = attachLazyCsl({ ...rest }, JSON.stringify(csl));
    const sent = toTransferEntry(lazy as typeof entry);
    assert.ok(cslIsPending(lazy as typeof entry));
    assert.equal(sent.cslJson, JSON.stringify(csl));
    assert.ok(!('csl' in sent));
  });

  it('batches keep every entry, in order', () => {
    const batches = [...transferBatches(entries, 50)];
    assert.equal(batches.length, Math.ceil(entries.length / 50));
    assert.ok(batches.every((b) => b.length <= 50));
    assert.deepEqual(batches.flat().map((e) => e.key), entries.map((e) => e.key));
  });
});
