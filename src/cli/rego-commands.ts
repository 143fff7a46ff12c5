import type { Command } from 'commander';
import type { Io } from './main.js';

/** `crosswalk rego eval|test|check`: wired to the Rego engine in src/rego. */
export function registerRegoCommands(_program: Command, _io: Io, _setExit: (code: number) => void): void {
  // registered once the engine's CLI functions land
}
