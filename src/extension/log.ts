import * as vscode from 'vscode';

/** The extension's one output channel ("Evidence Writer"), with log levels the user can change. */
let channel: vscode.LogOutputChannel | undefined;

export function createLog(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Evidence Writer', { log: true });
  return channel;
}

/** The channel, created on first use so modules can log without threading it through. */
export function log(): vscode.LogOutputChannel {
  return createLog();
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
