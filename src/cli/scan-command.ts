import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { loadCatalog } from '../catalog/index.js';
import {
  ConfigError,
  EMPTY_CONFIG,
  findConfig,
  loadConfig,
  type CrosswalkConfig,
} from '../engine/config.js';
import { failsThreshold, isIncomplete, scan, UsageError } from '../engine/scan.js';
import { formatResult, FORMATS, type Format } from '../report/index.js';
import { SEVERITIES, type Severity } from '../rules/types.js';
import type { Io } from './main.js';

interface ScanFlags {
  format: string[];
  output: string[];
  framework: string[];
  failOn?: Severity;
  varFile: string[];
  var: string[];
  config?: string;
  quiet?: boolean;
  color?: boolean;
  parameter: string[];
  stdinName: string;
  policy: string[];
  evidence: boolean;
  store?: string;
}

const collect = (value: string, previous: string[]): string[] => [
  ...previous,
  ...value.split(',').filter(Boolean),
];
const collectOne = (value: string, previous: string[]): string[] => [...previous, value];

export function registerScanCommand(
  program: Command,
  io: Io,
  setExit: (code: number) => void,
): void {
  // --format and --output in the order they were given: each --output belongs to the
  // --format written just before it
  const sequence: { kind: 'format' | 'output'; value: string }[] = [];
  program
    .command('scan')
    .on('option:format', (value: string) => sequence.push({ kind: 'format', value }))
    .on('option:output', (value: string) => sequence.push({ kind: 'output', value }))
    .description(
      'Scan Terraform (.tf, .tf.json, plan JSON), CloudFormation and Kubernetes files against the built-in rules.',
    )
    .argument(
      '[paths...]',
      'files or directories to scan; `-` reads one document from standard input',
      ['.'],
    )
    .addOption(
      new Option('-f, --format <format>', `output format, repeatable: ${FORMATS.join('|')}`)
        .argParser(collect)
        .default([] as string[]),
    )
    .option(
      '-o, --output <file>',
      'write the matching --format to this file (repeatable, in order)',
      collectOne,
      [],
    )
    .option(
      '--framework <id>',
      'limit to these frameworks (repeatable or comma-separated)',
      collect,
      [],
    )
    .addOption(
      new Option(
        '--fail-on <severity>',
        'lowest severity of a failed finding that makes exit code 1',
      ).choices(SEVERITIES),
    )
    .option('--var-file <file>', 'Terraform variables file (repeatable)', collectOne, [])
    .option('--var <name=value>', 'Terraform variable (repeatable)', collectOne, [])
    .option(
      '--parameter <key=value>',
      'CloudFormation parameter override (repeatable)',
      collectOne,
      [],
    )
    .option(
      '--stdin-name <name>',
      'name used in reports for a document read from standard input (`-`)',
      'stdin.yaml',
    )
    .option(
      '--policy <path>',
      'custom policies: a directory or file of Rego modules and YAML policies (repeatable)',
      collectOne,
      [],
    )
    .option(
      '-c, --config <file>',
      'configuration file (default: .crosswalk.yaml in the current directory)',
    )
    .option('-q, --quiet', 'print only failures and the summary')
    .option('--no-evidence', 'do not append this scan to the evidence ledger')
    .option(
      '--store <path|url>',
      'evidence store: SQLite file or postgres:// URL (default: $CROSSWALK_STORE, then .crosswalk/evidence.db)',
    )
    .option('--no-color', 'never use colours')
    .action(async (paths: string[], flags: ScanFlags) => {
      let stdin: { name: string; text: string } | undefined;
      if (paths.includes('-')) {
        stdin = { name: flags.stdinName, text: await io.readStdin() };
        paths = paths.filter((p) => p !== '-');
      }
      setExit(await runScan(paths, flags, io, stdin, sequence));
    });
}

async function runScan(
  paths: string[],
  flags: ScanFlags,
  io: Io,
  stdin: { name: string; text: string } | undefined,
  sequence: readonly { kind: 'format' | 'output'; value: string }[],
): Promise<number> {
  let config: CrosswalkConfig;
  try {
    const file = flags.config ?? findConfig([process.cwd()]);
    config = file ? loadConfig(file) : EMPTY_CONFIG;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`crosswalk: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  const outputs = pairOutputs(sequence);
  if (typeof outputs === 'string') {
    io.stderr(`crosswalk: ${outputs}\n`);
    return 2;
  }
  for (const { format } of outputs) {
    if (!FORMATS.includes(format as Format)) {
      io.stderr(`crosswalk: unknown format "${format}" (expected one of ${FORMATS.join(', ')})\n`);
      return 2;
    }
  }
  if (outputs.filter((o) => o.file === undefined).length > 1) {
    io.stderr(
      'crosswalk: only one format can go to standard output; give --output for the others\n',
    );
    return 2;
  }

  const vars: Record<string, string> = { ...config.vars };
  for (const assignment of flags.var) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) {
      io.stderr(`crosswalk: --var expects name=value, got "${assignment}"\n`);
      return 2;
    }
    vars[assignment.slice(0, eq)] = assignment.slice(eq + 1);
  }
  const parameters: Record<string, string> = {};
  for (const assignment of flags.parameter) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) {
      io.stderr(`crosswalk: --parameter expects Key=Value, got "${assignment}"\n`);
      return 2;
    }
    parameters[assignment.slice(0, eq)] = assignment.slice(eq + 1);
  }

  const color = useColor(flags.color !== false, io);
  const progress = io.isTTY && !flags.quiet ? progressLine(io) : undefined;

  const catalog = loadCatalog();
  let result;
  try {
    result = scan(paths, {
      frameworks: flags.framework.length > 0 ? flags.framework : config.frameworks,
      varFiles: [...config.varFiles, ...flags.varFile],
      vars,
      settings: config.settings,
      disabledRules: config.disabledRules,
      waivers: config.waivers,
      onProgress: progress?.update,
      catalog,
      stdin,
      parameters,
      policies: [...(config.policies ?? []), ...flags.policy],
    });
  } catch (error) {
    progress?.clear();
    if (error instanceof UsageError) {
      io.stderr(`crosswalk: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  progress?.clear();
  if (config.diagnostics.length > 0) {
    result = { ...result, diagnostics: [...config.diagnostics, ...result.diagnostics] };
  }

  outputs.forEach(({ format: name, file: target }) => {
    const format = name as Format;
    const text = formatResult(result, format, {
      color: target ? false : color,
      quiet: Boolean(flags.quiet),
      catalog,
      width: target ? 100 : (process.stdout.columns ?? 100),
    });
    if (target) writeFileSync(target, text);
    else io.stdout(text);
  });

  if (flags.evidence) {
    try {
      const { recordScan } = await import('../evidence/scan.js');
      await recordScan(result, { store: flags.store ?? io.env.CROSSWALK_STORE });
    } catch (error) {
      io.stderr(
        `crosswalk: the scan ran but could not be recorded in the evidence ledger: ${(error as Error).message}\n`,
      );
      return 2;
    }
  }

  if (isIncomplete(result)) {
    io.stderr(
      'crosswalk: errors among the diagnostics (an input that could not be read or parsed, a bad waiver, a rule that crashed): see them above or in the report\n',
    );
    return 2;
  }
  const threshold = flags.failOn ?? config.failOn ?? 'info';
  return failsThreshold(result, threshold) ? 1 : 0;
}

/** A one-line progress indicator on stderr, shown only after the scan has run a while. */
function progressLine(io: Io): {
  update: (e: { phase: string; done: number; total: number }) => void;
  clear: () => void;
} {
  const started = Date.now();
  let shown = false;
  let last = 0;
  return {
    update: ({ phase, done, total }) => {
      const now = Date.now();
      if (now - started < 500 || now - last < 100) return;
      last = now;
      shown = true;
      io.stderr(`\r\x1b[K${phase === 'load' ? 'loading' : 'checking'} ${done}/${total}`);
    },
    clear: () => {
      if (shown) io.stderr('\r\x1b[K');
    },
  };
}

/** --no-color wins; then NO_COLOR; then FORCE_COLOR (where "0" and "false" mean no); then the TTY. */
export function useColor(allowed: boolean, io: Io): boolean {
  if (!allowed || io.env.NO_COLOR) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.isTTY;
}

/**
 * Pairs each --output with the --format given just before it; a format without an
 * output goes to standard output. Returns a message when the pairing is impossible.
 */
export function pairOutputs(
  sequence: readonly { kind: 'format' | 'output'; value: string }[],
): { format: string; file?: string }[] | string {
  const outputs: { format: string; file?: string }[] = [];
  for (const item of sequence) {
    if (item.kind === 'format') {
      for (const format of item.value.split(',').filter(Boolean)) outputs.push({ format });
      continue;
    }
    const last = outputs[outputs.length - 1];
    if (!last)
      return `--output ${item.value} comes before any --format; write --format <format> --output <file>`;
    if (last.file !== undefined) return `--format ${last.format} has two --output files`;
    last.file = item.value;
  }
  return outputs.length > 0 ? outputs : [{ format: 'text' }];
}
