/** Entry point of the `evidence-lint` command (bundled to dist/cli.js). */
import { garbageCollector } from '../core/memory/garbageCollector';
import { runCli } from './run';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), collectGarbage: garbageCollector() }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`evidence-lint: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
