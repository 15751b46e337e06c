/** Running the CLI in-process for tests: arguments in, exit code and both streams' text out. */
import { Writable } from 'node:stream';
import { runCli, type CliIo } from '../../src/cli/run';

export class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export async function runEvidenceLint(argv: string[], cwd: string, io: Pick<CliIo, 'scorerBuild'> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Collect();
  const stderr = new Collect();
  const code = await runCli(argv, { stdout, stderr, cwd, color: false, ...io });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
