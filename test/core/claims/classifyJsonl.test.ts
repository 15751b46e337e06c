import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import {
  classifyJsonlLine,
  classifyJsonlLines,
  classifyJsonlStream,
  jsonlTextLines,
} from '../../../src/core/claims/classifyJsonl';
import { scoreClaim } from '../../../src/core/claims/scoreClaim';

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'claims', 'claimbuster_checkworthy_sample.jsonl');
const realLines = jsonlTextLines(readFileSync(FIXTURE, 'utf8'));

describe('classifyJsonl', () => {
  it('writes one {claim, score, reasons} line per input line, in order', () => {
    const out = classifyJsonlLines(realLines);
    assert.equal(out.length, realLines.length);
    out.forEach((line, i) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      assert.deepEqual(Object.keys(parsed), ['claim', 'score', 'reasons']);
      const expected = scoreClaim({ text: (JSON.parse(realLines[i]) as { text: string }).text });
      assert.deepEqual(parsed, { claim: expected.claim, score: expected.score, reasons: [...expected.reasons] });
    });
  });

  it('passes the sensitivity through', () => {
    const high = classifyJsonlLines(realLines, { sensitivity: 'high' }).filter((l) => JSON.parse(l).claim).length;
    const low = classifyJsonlLines(realLines, { sensitivity: 'low' }).filter((l) => JSON.parse(l).claim).length;
    assert.ok(high > low, `high ${high} vs low ${low}`);
  });

  it('keeps alignment with an error line naming the 1-based line number of each bad line', () => {
    const input = [realLines[0], 'not json', '{"title": "no text"}', '[1,2]', '', '{"text": 7}', realLines[1]];
    const out = classifyJsonlLines(input).map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(out.length, input.length);
    assert.equal(typeof out[0].claim, 'boolean');
    assert.match(String(out[1].error), /^line 2: not valid JSON/);
    assert.equal(out[2].error, 'line 3: no string "text" field');
    assert.equal(out[3].error, 'line 4: not a JSON object');
    assert.match(String(out[4].error), /^line 5: blank line/);
    assert.equal(out[5].error, 'line 6: no string "text" field');
    assert.equal(typeof out[6].claim, 'boolean');
    assert.equal(classifyJsonlLine('{', 9).error?.startsWith('line 9: not valid JSON'), true);
  });

  it('ignores only the final newline when splitting a file', () => {
    assert.deepEqual(jsonlTextLines('{"text":"a"}\r\n{"text":"b"}\n'), ['{"text":"a"}', '{"text":"b"}']);
    assert.deepEqual(jsonlTextLines('a\n\nb'), ['a', '', 'b']);
  });

  it('streams the same output and counts lines and errors', async () => {
    const input = [...realLines.slice(0, 5), 'oops', ...realLines.slice(5, 10)];
    const sink = new PassThrough();
    const chunks: string[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    const summary = await classifyJsonlStream(Readable.from([input.join('\n') + '\n']), sink, { sensitivity: 'medium' });
    assert.deepEqual(summary, { lines: 11, errors: 1 });
    assert.equal(chunks.join(''), classifyJsonlLines(input).join('\n') + '\n');
  });
});
