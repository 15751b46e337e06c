import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { doiUrl, escapeHtml, safeExternalUrl } from '../../../src/core/panel/escapeHtml';

describe('panel escaping', () => {
  it('escapes the characters that start markup or end attributes', () => {
    assert.equal(escapeHtml(`<img src=x onerror="a('1')">&\``), '&lt;img src=x onerror=&quot;a(&#39;1&#39;)&quot;&gt;&amp;&#96;');
    assert.equal(escapeHtml(undefined), '');
    assert.equal(escapeHtml(42), '42');
    assert.equal(escapeHtml('Haßler — “quotes” ⇡'), 'Haßler — “quotes” ⇡');
  });

  it('never lets a markup character through, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = escapeHtml(s);
        assert.ok(!/[<>"'`]/.test(out));
        // every & starts an entity we wrote
        assert.ok(!/&(?!amp;|lt;|gt;|quot;|#39;|#96;)/.test(out));
      }),
      { numRuns: 200 },
    );
  });

  it('accepts only http(s) addresses for links', () => {
    assert.equal(safeExternalUrl('https://docs.edtechhub.org/lib/JNH4277Z'), 'https://docs.edtechhub.org/lib/JNH4277Z');
    assert.equal(safeExternalUrl('javascript:alert(1)'), undefined);
    assert.equal(safeExternalUrl('JaVaScRiPt:alert(1)'), undefined);
    assert.equal(safeExternalUrl('data:text/html,<script>'), undefined);
    assert.equal(safeExternalUrl('https://x.org/"><img src=x>'), undefined);
    assert.equal(safeExternalUrl('/relative/path'), undefined);
    assert.equal(safeExternalUrl(undefined), undefined);
  });

  it('turns DOIs into doi.org addresses and refuses non-DOIs', () => {
    assert.equal(doiUrl('10.53832/edtechhub.0176'), 'https://doi.org/10.53832/edtechhub.0176');
    assert.equal(doiUrl('https://doi.org/10.5281/zenodo.4140412'), 'https://doi.org/10.5281/zenodo.4140412');
    assert.equal(doiUrl('doi: 10.1007/978-3-319-67657-9_3'), 'https://doi.org/10.1007/978-3-319-67657-9_3');
    assert.equal(doiUrl('not a doi'), undefined);
    const hostile = doiUrl('10.1234/"><img src=x onerror=alert(1)>');
    assert.ok(hostile === undefined || !/[<>"]/.test(hostile));
  });
});
