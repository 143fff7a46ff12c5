/**
 * The evidence ledger, reports and applicability on the command line:
 * `crosswalk evidence verify|add|list|show|export|prune|import`, `crosswalk report` and
 * `crosswalk init`. Wiring only: the work is done in src/evidence, src/report/framework
 * and src/applicability.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { loadCatalog } from '../catalog/index.js';
import {
  decideFrameworks,
  loadProfile,
  ProfileError,
  writeConfig,
  type OrgProfile,
} from '../applicability/index.js';
import * as evidence from '../evidence/cli.js';
import { DEFAULT_STORE, isPostgresUrl, openStore } from '../evidence/store.js';
import {
  FRAMEWORK_REPORT_FORMATS,
  frameworkReport,
  type FrameworkReportFormat,
} from '../report/framework/index.js';
import type { Io } from './main.js';

const storeOption = (): Option =>
  new Option(
    '--store <path|url>',
    'evidence store: a SQLite file or postgres:// URL (default: $CROSSWALK_STORE, then .crosswalk/evidence.db)',
  );

export function registerEvidenceCommands(
  program: Command,
  io: Io,
  setExit: (code: number) => void,
): void {
  const run = (promise: Promise<number>): Promise<void> => promise.then(setExit);
  const group = program
    .command('evidence')
    .description('The evidence ledger: append-only, hash-chained records an auditor can verify.');

  group
    .command('verify')
    .description(
      'Recompute the hash chain (and signed checkpoints) and name the first record that was edited, removed or reordered.',
    )
    .addOption(storeOption())
    .option('--bundle <file>', 'verify an exported bundle offline instead of the store')
    .option('--public-key <file>', 'Ed25519 public key (PEM) to check signed checkpoints')
    .option('--json', 'print JSON')
    .action((flags: { store?: string; bundle?: string; publicKey?: string; json?: boolean }) =>
      run(evidence.evidenceVerify(flags, io)),
    );

  group
    .command('add')
    .description(
      'Add manual evidence (a policy, training record, review sign-off, ...) for a control.',
    )
    .requiredOption('--control <id>', 'unified control id, e.g. security-training')
    .requiredOption('--file <path>', 'the document; stored content-addressed (SHA-256)')
    .option('--expires <date>', 'date after which the evidence is stale (YYYY-MM-DD)')
    .option('--note <text>', 'a note for the auditor')
    .addOption(storeOption())
    .option('--sign-key <file>', 'Ed25519 private key (PEM) for signed checkpoints')
    .option('--json', 'print JSON')
    .action(
      (flags: {
        control: string;
        file: string;
        expires?: string;
        note?: string;
        store?: string;
        signKey?: string;
        json?: boolean;
      }) => run(evidence.evidenceAdd(flags, io)),
    );

  group
    .command('list')
    .description('List records, newest last.')
    .option('--from <date>', 'collected at or after')
    .option('--to <date>', 'collected at or before')
    .option('--control <id>', 'only records of this control')
    .option('--kind <kind>', 'scan-run, manual, import or prune')
    .option('--limit <n>', 'at most n records', (v) => Number.parseInt(v, 10))
    .addOption(storeOption())
    .option('--json', 'print JSON')
    .action(
      (flags: {
        from?: string;
        to?: string;
        control?: string;
        kind?: string;
        limit?: number;
        store?: string;
        json?: boolean;
      }) => run(evidence.evidenceList(flags, io)),
    );

  group
    .command('show')
    .description('Show one record with its payload and hashes.')
    .argument('<id>', 'record id')
    .addOption(storeOption())
    .action((id: string, flags: { store?: string }) => run(evidence.evidenceShow(id, flags, io)));

  group
    .command('export')
    .description(
      'Write a bundle (records, artifacts, manifest of hashes, verification result) an auditor can verify offline.',
    )
    .requiredOption('-o, --output <file>', 'bundle file (.tar.gz)')
    .option('--public-key <file>', 'Ed25519 public key (PEM) to include and check')
    .addOption(storeOption())
    .action((flags: { output: string; publicKey?: string; store?: string }) =>
      run(evidence.evidenceExport(flags, io)),
    );

  group
    .command('prune')
    .description('Remove what is past every applicable retention period, recording that it did.')
    .option('--as-of <date>', 'date to apply retention at (default: today)')
    .addOption(storeOption())
    .option('--sign-key <file>', 'Ed25519 private key (PEM) for signed checkpoints')
    .action((flags: { asOf?: string; store?: string; signKey?: string }) =>
      run(evidence.evidencePrune(flags, io)),
    );

  group
    .command('import')
    .description(
      'Import results of other tools (SARIF 2.1.0, Checkov JSON, Trivy JSON, Prowler OCSF JSON), mapped to controls.',
    )
    .argument('<file>', 'the result file')
    .addOption(storeOption())
    .option('--sign-key <file>', 'Ed25519 private key (PEM) for signed checkpoints')
    .action((file: string, flags: { store?: string; signKey?: string }) =>
      run(evidence.evidenceImport(file, flags, io)),
    );

  program
    .command('report')
    .description(
      'A per-framework report over the evidence ledger: status, evidence and failures per requirement, with the trend.',
    )
    .requiredOption('--framework <id>', 'framework id or alias')
    .option('--from <date>', 'start of the period (default: 30 days before --to)')
    .option('--to <date>', 'end of the period and date of the posture (default: now)')
    .addOption(
      new Option('--format <format>', 'report format')
        .choices([...FRAMEWORK_REPORT_FORMATS])
        .default('html'),
    )
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(storeOption())
    .action(
      async (flags: {
        framework: string;
        from?: string;
        to?: string;
        format: FrameworkReportFormat;
        output?: string;
        store?: string;
      }) => {
        const catalog = loadCatalog();
        if (!catalog.framework(flags.framework)) {
          io.stderr(
            `crosswalk: unknown framework "${flags.framework}" (known: ${catalog.frameworks.map((f) => f.id).join(', ')})\n`,
          );
          setExit(2);
          return;
        }
        for (const [name, value] of [
          ['--from', flags.from],
          ['--to', flags.to],
        ] as const) {
          if (value !== undefined && Number.isNaN(Date.parse(value))) {
            io.stderr(
              `crosswalk: ${name} "${value}" is not a date (use YYYY-MM-DD or an ISO timestamp)\n`,
            );
            setExit(2);
            return;
          }
        }
        const location = flags.store ?? io.env.CROSSWALK_STORE ?? DEFAULT_STORE;
        if (!isPostgresUrl(location) && !existsSync(location)) {
          io.stderr(
            `crosswalk: no evidence ledger at ${location}; scans record into it (see --store)\n`,
          );
          setExit(2);
          return;
        }
        let store;
        try {
          store = await openStore(location);
        } catch (error) {
          io.stderr(`crosswalk: cannot open the evidence store: ${(error as Error).message}\n`);
          setExit(2);
          return;
        }
        try {
          const records = await store.list();
          const text = frameworkReport(catalog, records, {
            framework: flags.framework,
            from: flags.from,
            to: flags.to,
            format: flags.format,
          });
          if (flags.output) writeFileSync(flags.output, text);
          else io.stdout(text);
          setExit(0);
        } catch (error) {
          io.stderr(`crosswalk: ${(error as Error).message}\n`);
          setExit(2);
        } finally {
          await store.close();
        }
      },
    );

  program
    .command('init')
    .description(
      'Decide which frameworks apply (questions on a terminal, or --profile) and write .crosswalk.yaml.',
    )
    .option('--profile <file>', 'organisation profile (YAML) instead of questions')
    .option('-o, --output <file>', 'configuration file to write', '.crosswalk.yaml')
    .option('--force', 'overwrite an existing configuration file')
    .action(async (flags: { profile?: string; output: string; force?: boolean }) => {
      let profile: OrgProfile;
      try {
        if (flags.profile) profile = loadProfile(flags.profile);
        else if (io.isTTY)
          profile = await (await import('../applicability/prompts.js')).askProfile();
        else {
          io.stderr('crosswalk: init needs --profile <file> when not run on a terminal\n');
          setExit(2);
          return;
        }
      } catch (error) {
        io.stderr(
          `crosswalk: ${error instanceof ProfileError ? error.message : (error as Error).message}\n`,
        );
        setExit(2);
        return;
      }
      if (existsSync(flags.output) && !flags.force) {
        io.stderr(`crosswalk: ${flags.output} exists; use --force to overwrite it\n`);
        setExit(2);
        return;
      }
      const decisions = decideFrameworks(profile);
      writeFileSync(flags.output, writeConfig(decisions, { name: profile.name }));
      for (const d of decisions) {
        const verdict =
          d.applies === true
            ? 'applies'
            : d.applies === 'likely'
              ? 'likely applies'
              : 'does not apply';
        io.stdout(
          `${d.framework.padEnd(9)} ${verdict}: ${d.reason} (${d.citation})${d.merchantLevel ? `; merchant level ${d.merchantLevel}` : ''}\n`,
        );
      }
      io.stdout(`wrote ${flags.output}\n`);
      setExit(0);
    });
}
