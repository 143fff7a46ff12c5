/**
 * The command line: argument parsing and wiring only. Every command returns its exit
 * code: 0 clean, 1 failed findings at or above the threshold (or failing tests/checks),
 * 2 usage, configuration or internal error.
 */
import { Command, CommanderError, Option } from 'commander';
import { decodeSource } from '../iac/source.js';
import { VERSION } from '../version.js';
import { registerCatalogCommands } from './catalog-commands.js';
import { registerEvidenceCommands } from './evidence-commands.js';
import { registerScanCommand } from './scan-command.js';
import { registerRegoCommands } from './rego-commands.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readStdin(): Promise<string>;
}

export const processIo: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    // the same checks as files: binary or non-UTF-8 input is refused, not half-read
    const source = decodeSource(Buffer.concat(chunks), 'standard input');
    if ('diagnostic' in source) {
      throw new Error(`${source.diagnostic.code}: standard input: ${source.diagnostic.message}`);
    }
    return source.text;
  },
};

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('crosswalk')
    .description(
      'Compliance as code: scan infrastructure code against one catalog of controls mapped to every framework.',
    )
    .version(VERSION, '-V, --version')
    .showHelpAfterError()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  registerScanCommand(program, io, setExit);
  registerCatalogCommands(program, io, setExit);
  registerRegoCommands(program, io, setExit);
  registerEvidenceCommands(program, io, setExit);
  program.addOption(new Option('--no-color', 'disable colours').hideHelp());
  return program;
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit with 0; parse errors are usage errors
      return error.exitCode === 0 ? 0 : 2;
    }
    io.stderr(`crosswalk: ${(error as Error).message}\n`);
    return 2;
  }
}
