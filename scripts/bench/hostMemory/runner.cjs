// Run inside the VS Code extension host by scripts/bench-host.mjs: opens the example brief, waits for
// the host to settle, and prints the host's memory and the active extensions as one JSON line.
const path = require('node:path');
const vscode = require('vscode');

exports.run = async () => {
  const document = await vscode.workspace.openTextDocument(path.join(process.env.BENCH_WORKSPACE, 'hub-brief.md'));
  await vscode.window.showTextDocument(document);
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.BENCH_SETTLE_MS)));
  const memory = process.memoryUsage();
  const active = vscode.extensions.all.filter((e) => e.isActive).map((e) => e.id);
  console.log(`BENCH_HOST ${JSON.stringify({ rss: memory.rss, heapUsed: memory.heapUsed, active })}`);
};
