/**
 * Run in a fresh child process by the benchmark: loads the extension bundle (dist/extension.js, the client) and
 * calls activate(), timing both, and prints them as JSON. VS Code is not available here, so `vscode`
 * resolves to a stand-in that accepts any call (every API returns the stand-in): this measures the
 * extension's own work at activation (module evaluation, providers, watchers), not VS Code's.
 * The integration tests run the same bundle in a real VS Code; the extension logs its activation
 * time there too ("Evidence Writer activated in … ms" in the Output channel).
 */
const Module = require('node:module');
const path = require('node:path');

const anything = (property) => {
  if (property === Symbol.toPrimitive) return () => '';
  if (property === 'then') return undefined; // not a promise
  if (property === '__esModule') return true; // read as it is (a copy of its own properties would have none)
  if (property === 'get') return (_key, fallback) => fallback; // settings: the defaults
  if (property === 'fsPath' || property === 'path') return path.join(require('node:os').tmpdir(), 'evidence-writer-activation');
  return standIn;
};
// The bundle reads `vscode.X` through a namespace object whose prototype is the module's: answer there too.
const prototype = new Proxy({}, { get: (_target, property) => anything(property) });
const standIn = new Proxy(function standIn() {}, {
  get: (_target, property) => anything(property),
  getPrototypeOf: () => prototype,
  set: () => true, // assignments (item.name = …) are accepted and forgotten
  defineProperty: () => true,
  apply: () => standIn,
  construct: () => standIn,
});
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? standIn : load.call(this, request, ...rest);
};

const bundle = path.join(__dirname, '../../dist/extension.js');
const started = performance.now();
const extension = require(bundle);
const loaded = performance.now();
const context = { subscriptions: [], globalStorageUri: standIn, extensionUri: standIn, extensionPath: path.dirname(bundle) };
extension.activate(context);
const activated = performance.now();
process.stdout.write(JSON.stringify({ loadMs: loaded - started, activateMs: activated - loaded, subscriptions: context.subscriptions.length }));
process.exit(0);
