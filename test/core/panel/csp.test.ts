import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { allowedSources, contentSecurityPolicy } from '../../../src/core/panel/csp';

const NONCE = 'bm9uY2Utbm9uY2Utbm9uY2U=';
const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

describe('panel CSP', () => {
  it("keeps VS Code's cspSource as it is: 'self' and the resource host, quoted and spaced", () => {
    // VS Code 1.100 and code-server 4.100 (extensionHostProcess.js: `'self' https://*.${"vscode-cdn.net"}`).
    const csp = contentSecurityPolicy("'self' https://*.vscode-cdn.net", NONCE);
    assert.equal(directive(csp, 'style-src'), "style-src 'self' https://*.vscode-cdn.net");
    assert.equal(directive(csp, 'img-src'), "img-src 'self' https://*.vscode-cdn.net");
    assert.equal(directive(csp, 'font-src'), "font-src 'self' https://*.vscode-cdn.net");
    assert.equal(directive(csp, 'script-src'), `script-src 'nonce-${NONCE}'`);
    assert.ok(csp.startsWith("default-src 'none'; "));
  });

  it('keeps the other forms VS Code has used: a web extension origin, older hosts and schemes', () => {
    // A web extension served over https gets its own location in front (code-server, vscode.dev).
    assert.deepEqual(allowedSources("https://ext.example.org/extensions/edtechhub.evidence-writer/ 'self' https://*.vscode-cdn.net"), [
      'https://ext.example.org/extensions/edtechhub.evidence-writer/',
      "'self'",
      'https://*.vscode-cdn.net',
    ]);
    assert.deepEqual(allowedSources('https://*.vscode-webview.net'), ['https://*.vscode-webview.net']);
    assert.deepEqual(allowedSources('vscode-webview-resource: vscode-resource:'), ['vscode-webview-resource:', 'vscode-resource:']);
    assert.deepEqual(allowedSources('http://localhost:8080 https://*.vscode-cdn.net:*'), ['http://localhost:8080', 'https://*.vscode-cdn.net:*']);
  });

  it('drops, rather than mangles, whatever would loosen or break the policy', () => {
    assert.deepEqual(allowedSources("'unsafe-inline' 'unsafe-eval' 'nonce-abc' 'sha256-xyz' 'none' 'self'"), ["'self'"]);
    assert.deepEqual(allowedSources('* https: data: blob: http://* https://*'), []);
    // "x;" would end the directive and is dropped; "script-src" alone is a (harmless) host name.
    assert.deepEqual(allowedSources("x; script-src 'unsafe-inline'"), ['script-src']);
    assert.deepEqual(allowedSources('https://a.org/p;q https://b.org/"x https://c.org,d'), []);
    assert.deepEqual(allowedSources("https://a.org/it's 'self"), []);
    const csp = contentSecurityPolicy("x; 'unsafe-inline'", "abc' 'unsafe-eval");
    assert.ok(!csp.includes("'unsafe-"), csp);
    assert.equal(directive(csp, 'style-src'), "style-src 'none'", 'nothing valid: nothing loads');
    assert.equal(directive(csp, 'script-src'), "script-src 'nonce-abcunsafe-eval'");
  });

  it('never lets a cspSource add a directive, a keyword or a wildcard origin', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom("'self'", "'unsafe-inline'", ';', '*', 'https:', "'", '"', ',', ' ')), { maxLength: 8 }), (parts) => {
        const csp = contentSecurityPolicy(parts.join(' '), NONCE);
        const directives = csp.split('; ').map((d) => d.split(' ')[0]);
        assert.deepEqual(directives, ['default-src', 'img-src', 'font-src', 'style-src', 'script-src', 'form-action', 'base-uri']);
        for (const source of allowedSources(parts.join(' '))) {
          assert.ok(!/[;,"\s]/.test(source), source);
          assert.ok(source === "'self'" || !source.includes("'"), source);
          assert.notEqual(source, '*');
        }
      }),
      { numRuns: 300 },
    );
  });
});
