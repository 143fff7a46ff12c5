#!/usr/bin/env node
// Process concerns only: load the CLI, hand it the arguments, map failures to exit codes.

// a closed pipe (`crosswalk ... | head`) ends the output quietly, as other tools do
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

try {
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const missing = error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist');
  process.stderr.write(
    missing
      ? 'crosswalk: the package is not built; run `npm ci` (or `npm run build`) first\n'
      : `crosswalk: internal error: ${error?.stack ?? error}\n`,
  );
  process.exitCode = 2;
}
