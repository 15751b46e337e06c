/**
 * A CSL style as needed to render one entry on its own (a hover, a completion's details, the panel):
 * without its sort keys, and with a one-variable citation layout. One entry needs no sorting, and a
 * bibliography entry never renders the citation layout; what is left renders each entry as the whole
 * style does (tested on every entry of the real libraries). citeproc compiles each sort key's macros
 * afresh: APA 7 took 92 MB of heap and 0.6 s to compile whole, 3 MB and 65 ms without them. Reference
 * lists, which sort and disambiguate, use the whole style.
 */

const SORT = /<sort\b[^>]*\/>|<sort\b[^>]*>[\s\S]*?<\/sort>/g;
const CITATION = /<citation\b([^>]*)>[\s\S]*?<\/citation>/;
const COMMENT = /<!--[\s\S]*?-->/g;

/** `xml` without sort keys or citation layout; `xml` itself when it has no citation element to trim. */
export function singleEntryStyle(xml: string): string {
  // Comments first: one may quote a <sort> or <citation> element.
  const plain = xml.replace(COMMENT, '');
  if (!CITATION.test(plain)) return xml;
  return plain.replace(SORT, '').replace(CITATION, (_, attributes: string) => `<citation${attributes}><layout><text variable="title"/></layout></citation>`);
}
