#!/usr/bin/env node
// Process concerns only: load the CLI and hand it the arguments.
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`crosswalk: internal error: ${error?.stack ?? error}\n`);
    process.exitCode = 2;
  },
);
