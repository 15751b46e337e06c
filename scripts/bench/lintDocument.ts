/**
 * The document bench:load lints with `evidence-lint` against the 50k library: the 31 real papers'
 * bodies (test/fixtures/papers, front matter dropped) and the Hub's two blog posts
 * (test/fixtures/hub/blogs), one after another, repeated paragraph by paragraph up to 2.3 MB (MiB). Its citations
 * name the papers' own keys, which the library lacks: the CLI then also looks up did-you-mean keys.
 * Written to .bench/ (gitignored), reused when present. Run it alone to write it:
 *   node --import tsx scripts/bench/lintDocument.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { paperBodies } from '../../test/sharedFixtures';
import { BENCH_DIR } from './data';

const FIXTURES = path.join(__dirname, '../../test/fixtures');
export const LINT_DOCUMENT_BYTES = 2.3 * 2 ** 20;

/** Writes (if missing) the 2.3 MB Markdown document; returns its path. */
export function lintDocument(): string {
  const out = path.join(BENCH_DIR, 'lint-document-2.3MB.md');
  if (fs.existsSync(out)) return out;
  const bodies = paperBodies();
  const blogs = path.join(FIXTURES, 'hub', 'blogs');
  const posts = fs
    .readdirSync(blogs)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => fs.readFileSync(path.join(blogs, f), 'utf8'));
  const paragraphs = [...bodies, ...posts].join('\n\n').split(/\n{2,}/);
  const parts = ['# Long report'];
  let bytes = Buffer.byteLength(parts[0]!);
  // Paragraph by paragraph, round after round, up to 2.3 MB (MiB).
  for (let k = 0; bytes < LINT_DOCUMENT_BYTES; k++) {
    const paragraph = `\n\n${k % paragraphs.length === 0 ? `# Part ${k / paragraphs.length + 1}\n\n` : ''}${paragraphs[k % paragraphs.length]}`;
    parts.push(paragraph);
    bytes += Buffer.byteLength(paragraph);
  }
  parts.push('\n');
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  fs.writeFileSync(out, parts.join(''));
  return out;
}

if (require.main === module) process.stdout.write(`${lintDocument()}\n`);
