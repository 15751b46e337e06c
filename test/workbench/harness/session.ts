/**
 * One VS Code server and one Chromium for the whole run (mocha root hooks, loaded by the suite's
 * config); each test file opens its own window (a fresh extension host) on its own folder.
 */
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { startCodeServer, type CodeServer } from './codeServer';

export const ARTIFACTS = path.join(__dirname, '..', '..', '..', '.artifacts', 'workbench');

interface Session {
  readonly server: CodeServer;
  readonly browser: Browser;
}

let shared: Promise<Session> | undefined;

/** The run's server and browser, started on first use; a failed start fails every test that needs them. */
export function session(): Promise<Session> {
  shared ??= start();
  return shared;
}

async function start(): Promise<Session> {
  const server = await startCodeServer();
  try {
    return { server, browser: await launchChromium() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export const mochaHooks = {
  beforeAll(): void {
    rmSync(ARTIFACTS, { recursive: true, force: true });
  },
  async afterAll(): Promise<void> {
    const running = await shared?.catch(() => undefined);
    await running?.browser.close().catch(() => undefined);
    await running?.server.stop();
  },
};
