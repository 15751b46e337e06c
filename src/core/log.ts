/** Where the service writes what a person may want to read later (the editor's output channel, stderr). */
export interface Log {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A log that drops everything (tests, the CLI unless asked). */
export const SILENT_LOG: Log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
