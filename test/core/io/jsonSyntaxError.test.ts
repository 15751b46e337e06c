import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsonSyntaxError } from '../../../src/core/io/jsonSyntaxError';

// Real CSL-JSON from the Hub bibliography (test/fixtures/hub, see SOURCE.md there).
const HUB_JSON = path.join(__dirname, '../../fixtures/hub');

describe('jsonSyntaxError', () => {
  it('finds no error in valid JSON, including the real Hub CSL-JSON export', () => {
    assert.equal(jsonSyntaxError('{"a": [1, 2, {"b": null}]}'), undefined);
    const file = fs.readdirSync(HUB_JSON).find((f) => f.endsWith('.json'));
    assert.ok(file, 'the Hub CSL-JSON fixture is missing');
    assert.equal(jsonSyntaxError(fs.readFileSync(path.join(HUB_JSON, file), 'utf8')), undefined);
  });

  it('locates errors JSON.parse gives no position for (a missing value)', () => {
    const text = '[\n{"id":"a","type":"book"},\n{"id": }\n]';
    assert.throws(() => JSON.parse(text));
    const error = jsonSyntaxError(text);
    assert.deepEqual({ line: error?.line, column: error?.column, reason: error?.reason }, { line: 3, column: 8, reason: 'value expected' });
  });

  it('reports trailing commas, comments, unterminated strings and a missing end', () => {
    assert.equal(jsonSyntaxError('{\n  "rules": {"x": 1,}\n}')?.line, 2);
    assert.equal(jsonSyntaxError('{ // note\n"a": 1}')?.reason, 'comments are not allowed in JSON');
    assert.equal(jsonSyntaxError('{"a": "open')?.reason, 'unterminated string');
    const end = jsonSyntaxError('{\n"a":');
    assert.deepEqual([end?.line, end?.reason], [2, 'value expected']);
    assert.equal(jsonSyntaxError('')?.reason, 'value expected');
  });

  it('finds a damaged item deep in a real export, on the right line', () => {
    const file = fs.readdirSync(HUB_JSON).find((f) => f.endsWith('.json'))!;
    const lines = fs.readFileSync(path.join(HUB_JSON, file), 'utf8').split('\n');
    const target = lines.findIndex((l, i) => i > lines.length / 2 && /^\s*"title": "/.test(l));
    assert.ok(target > 0);
    lines[target] = lines[target]!.replace('"title": "', '"title" "');
    const error = jsonSyntaxError(lines.join('\n'));
    assert.equal(error?.line, target + 1);
    assert.equal(error?.reason, 'colon expected');
  });

  it('does not throw on pathological nesting (the parser recurses): a plain reason at line 1', () => {
    const deep = '['.repeat(200_000);
    const error = jsonSyntaxError(deep);
    assert.equal(error?.line, 1);
    assert.ok(error?.reason);
  });
});
