/**
 * `crosswalk rego eval|test|check`, shaped like `opa eval`, `opa test` and `opa check`.
 * The work is done by the Rego engine's own CLI functions (src/rego/cli.ts).
 */
import { Command, Option } from 'commander';
import {
  formatCheck,
  formatTestReport,
  regoCheck,
  regoEval,
  regoTest,
  type CliOutput,
} from '../rego/cli.js';
import type { Io } from './main.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerRegoCommands(
  program: Command,
  io: Io,
  setExit: (code: number) => void,
): void {
  const rego = program
    .command('rego')
    .description('Evaluate, test and check Rego policies (the language of Open Policy Agent).');
  const emit = (output: CliOutput): void => {
    if (output.stdout) io.stdout(output.stdout);
    if (output.stderr) io.stderr(output.stderr);
    setExit(output.exitCode);
  };

  rego
    .command('eval')
    .description('Evaluate a query, printing the result set like `opa eval --format json`.')
    .argument('<query>', 'a Rego query, e.g. data.example.deny')
    .option(
      '-d, --data <path>',
      '.rego or data file, or a directory of them (repeatable)',
      collect,
      [],
    )
    .option('-i, --input <file>', 'input document (JSON or YAML)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['json', 'pretty', 'values', 'bindings'])
        .default('json'),
    )
    .option('--v0-compatible', 'parse modules as Rego v0 (`deny[msg] { ... }`)')
    .option('--fail', 'exit with code 1 when the result is undefined')
    .option('--timeout <ms>', 'evaluation time limit in milliseconds', (v) =>
      Number.parseInt(v, 10),
    )
    .option('--strict-builtin-errors', 'treat builtin errors as fatal')
    .action(
      (
        query: string,
        flags: {
          data: string[];
          input?: string;
          format: 'json' | 'pretty' | 'values' | 'bindings';
          v0Compatible?: boolean;
          fail?: boolean;
          timeout?: number;
          strictBuiltinErrors?: boolean;
        },
      ) => {
        const output = regoEval({
          query,
          paths: flags.data,
          inputFile: flags.input,
          format: flags.format === 'pretty' ? 'values' : flags.format,
          v0Compatible: flags.v0Compatible,
          fail: flags.fail,
          timeoutMs: flags.timeout,
          strictBuiltinErrors: flags.strictBuiltinErrors,
        });
        emit(output);
      },
    );

  rego
    .command('test')
    .description('Run the test_ rules of Rego modules, like `opa test`.')
    .argument('<paths...>', '.rego files, data files or directories')
    .option('-r, --run <regex>', 'run only tests whose name matches')
    .option('-v, --verbose', 'list every test, not only failures')
    .option('--v0-compatible', 'parse modules as Rego v0')
    .option('--timeout <ms>', 'time limit per test in milliseconds', (v) => Number.parseInt(v, 10))
    .action(
      (
        paths: string[],
        flags: { run?: string; verbose?: boolean; v0Compatible?: boolean; timeout?: number },
      ) => {
        let run: RegExp | undefined;
        try {
          run = flags.run ? new RegExp(flags.run) : undefined;
        } catch (error) {
          io.stderr(`crosswalk: --run: ${(error as Error).message}\n`);
          setExit(2);
          return;
        }
        const report = regoTest(paths, {
          run,
          v0Compatible: flags.v0Compatible,
          timeoutMs: flags.timeout,
        });
        emit(formatTestReport(report, flags.verbose));
      },
    );

  rego
    .command('check')
    .description('Parse and compile Rego modules, printing coded errors like `opa check`.')
    .argument('<paths...>', '.rego files or directories')
    .option('--v0-compatible', 'parse modules as Rego v0')
    .action((paths: string[], flags: { v0Compatible?: boolean }) => {
      emit(formatCheck(regoCheck(paths, { v0Compatible: flags.v0Compatible })));
    });
}
