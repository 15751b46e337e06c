/**
 * The project configs (`.evidencelintrc.json`, or `"evidenceLint"` in package.json) of a workspace's
 * documents: the nearest one above each document, read through the workspace and remembered per
 * folder until a config file changes.
 */
import * as path from 'node:path';
import type { EvidenceWorkspace } from '../workspace';
import { loadConfig, type LoadedConfig } from './config';

export class ProjectConfigs {
  private readonly byFolder = new Map<string, Promise<LoadedConfig>>();

  /** `stopAt`: never look above this folder (the CLI's --no-outside). */
  constructor(
    private readonly workspace: EvidenceWorkspace,
    private readonly stopAt?: string,
  ) {}

  /** The config that applies to `file` (a document, or a path inside the folder in question). */
  forFile(file: string): Promise<LoadedConfig> {
    const folder = path.dirname(path.resolve(file));
    let loaded = this.byFolder.get(folder);
    if (!loaded) {
      loaded = loadConfig(folder, { stopAt: this.stopAt, readText: (f) => this.readText(f) });
      this.byFolder.set(folder, loaded);
    }
    return loaded;
  }

  /** A config file changed somewhere: read them all again on next use. */
  forget(): void {
    this.byFolder.clear();
  }

  private async readText(file: string): Promise<string | undefined> {
    const bytes = await this.workspace.readFile(file);
    return bytes && new TextDecoder('utf-8').decode(bytes);
  }
}
