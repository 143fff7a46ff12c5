/**
 * Catalog commands: `frameworks`, `controls [id]`, `explain <framework> <requirement>`
 * and `rules`. They print what the catalog data says; nothing is computed here beyond
 * lookups.
 */
import type { Command } from 'commander';
import pc from 'picocolors';
import { loadCatalog, type Catalog, type Control, type Requirement } from '../catalog/index.js';
import { frameworkResults } from '../posture/scan.js';
import { builtinRules } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import type { Io } from './main.js';

export function registerCatalogCommands(
  program: Command,
  io: Io,
  setExit: (code: number) => void,
): void {
  program
    .command('frameworks')
    .description('List the frameworks in the catalog with their versions.')
    .option('--json', 'print JSON')
    .action((flags: { json?: boolean }) => {
      const catalog = loadCatalog();
      if (flags.json) {
        const rows = catalog.frameworks.map((f) => ({
          id: f.id,
          name: f.name,
          version: f.version,
          requirements: f.requirements.length,
          aliases: f.aliases,
          source: f.source,
        }));
        io.stdout(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      const width = Math.max(...catalog.frameworks.map((f) => f.id.length));
      for (const f of catalog.frameworks) {
        // the requirements a scan reports on (leaves and cited parents), and all entries
        const assessable = frameworkResults(catalog, [], { frameworks: [f.id] })[0]?.summary.total;
        io.stdout(
          `${f.id.padEnd(width)}  ${f.name} (${f.version}), ${assessable} requirements (${f.requirements.length} entries with their groups)` +
            (f.aliases.length ? `; also: ${f.aliases.join(', ')}` : '') +
            '\n',
        );
      }
    });

  program
    .command('controls')
    .description('List the unified controls, or show one and its requirement in every framework.')
    .argument('[id]', 'control id, e.g. encryption-at-rest')
    .option('--json', 'print JSON')
    .action((id: string | undefined, flags: { json?: boolean }) => {
      const catalog = loadCatalog();
      if (!id) {
        if (flags.json) io.stdout(JSON.stringify(catalog.controls, null, 2) + '\n');
        else listControls(catalog, io);
        return;
      }
      const control = catalog.control(id);
      if (!control) {
        io.stderr(`crosswalk: unknown control "${id}"; run \`crosswalk controls\` for the list\n`);
        setExit(2);
        return;
      }
      if (flags.json) io.stdout(JSON.stringify(control, null, 2) + '\n');
      else showControl(catalog, control, io);
    });

  program
    .command('explain')
    .description(
      'Explain a requirement: the controls that satisfy it, the rules that test it, and what must be evidenced by hand.',
    )
    .argument('<framework>', 'framework id or alias, e.g. hipaa, pci, iso')
    .argument(
      '<requirement>',
      'requirement id, e.g. 164.312(a)(2)(iv), 3.5.1, A.8.24; legacy ids are accepted',
    )
    .action((frameworkName: string, id: string) => {
      const catalog = loadCatalog();
      const framework = catalog.framework(frameworkName);
      if (!framework) {
        io.stderr(
          `crosswalk: unknown framework "${frameworkName}" (known: ${catalog.frameworks.map((f) => f.id).join(', ')})\n`,
        );
        setExit(2);
        return;
      }
      const resolution = catalog.resolve(framework.id, id);
      if (resolution.legacy) {
        const legacy = resolution.legacy;
        io.stdout(
          `${pc.yellow('superseded')}: ${framework.name} ${legacy.version} ${legacy.id} → ${legacy.current.join(', ')}\n` +
            `  ${legacy.note}\n  source: ${legacy.source}\n\n`,
        );
      }
      const targets = resolution.requirement
        ? [resolution.requirement]
        : (resolution.legacy?.current ?? [])
            .map((current) => catalog.requirement(framework.id, current))
            .filter((r): r is Requirement => r !== undefined);
      if (targets.length === 0) {
        io.stderr(`crosswalk: ${framework.name} has no requirement "${id}"\n`);
        setExit(2);
        return;
      }
      targets.forEach((requirement, index) => {
        if (index > 0) io.stdout('\n');
        explainRequirement(catalog, requirement, io);
      });
    });

  program
    .command('rules')
    .description('List the built-in rules with their severity and controls.')
    .option('--framework <id>', 'only rules that affect this framework')
    .option('--json', 'print JSON')
    .action((flags: { framework?: string; json?: boolean }) => {
      const catalog = loadCatalog();
      let rules: readonly Rule[] = builtinRules;
      if (flags.framework) {
        const framework = catalog.framework(flags.framework);
        if (!framework) {
          io.stderr(`crosswalk: unknown framework "${flags.framework}"\n`);
          setExit(2);
          return;
        }
        rules = rules.filter((rule) =>
          catalog
            .requirementsForControls([...rule.controls])
            .some((r) => r.framework === framework.id),
        );
      }
      if (flags.json) {
        const rows = rules.map((rule) => ({
          id: rule.id,
          title: rule.title,
          severity: rule.severity,
          controls: rule.controls,
          kinds: rule.kinds,
          requirements: catalog.requirementsForControls([...rule.controls]),
        }));
        io.stdout(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      for (const rule of rules) {
        io.stdout(`${rule.id}  ${rule.severity}  ${rule.title}  [${rule.controls.join(', ')}]\n`);
      }
      io.stdout(`${rules.length} rules\n`);
    });
}

function listControls(catalog: Catalog, io: Io): void {
  const width = Math.max(...catalog.controls.map((c) => c.id.length));
  for (const control of catalog.controls) {
    const how = control.evidence.automated ? 'automated + manual' : 'manual';
    io.stdout(`${control.id.padEnd(width)}  ${control.title} (${control.area}; ${how})\n`);
  }
}

function showControl(catalog: Catalog, control: Control, io: Io): void {
  io.stdout(`${pc.bold(control.id)}: ${control.title}\n${wrap(control.description, 2)}\n\n`);
  io.stdout('Requirements in every framework:\n');
  for (const framework of catalog.frameworks) {
    const mappings = control.mappings[framework.id] ?? [];
    if (mappings.length === 0) {
      io.stdout(`  ${framework.name}: none\n`);
      continue;
    }
    io.stdout(`  ${framework.name} (${framework.version}):\n`);
    for (const mapping of mappings) {
      const requirement = catalog.requirement(framework.id, mapping.id);
      io.stdout(
        `    ${mapping.id.padEnd(20)} ${requirement?.title ?? ''}  ${pc.dim(`[${mapping.source}]`)}\n`,
      );
    }
  }
  const rules = rulesFor(control.id);
  io.stdout(`\nTested by ${rules.length} built-in rule(s)${rules.length ? ':' : '.'}\n`);
  for (const rule of rules) io.stdout(`  ${rule.id} (${rule.severity})\n`);
  printManual(control, io);
}

function explainRequirement(catalog: Catalog, requirement: Requirement, io: Io): void {
  const framework = catalog.framework(requirement.framework)!;
  const extras = [
    requirement.obligation,
    requirement.safeguard && `${requirement.safeguard} safeguard`,
    requirement.theme && `${requirement.theme} theme`,
    requirement.category,
  ].filter(Boolean);
  io.stdout(
    `${pc.bold(`${framework.name} ${requirement.id}`)}: ${requirement.title}` +
      (extras.length ? ` (${extras.join(', ')})` : '') +
      '\n',
  );
  const ancestors = catalog.ancestors(requirement.framework, requirement.id);
  if (ancestors.length > 0) {
    io.stdout(`  within: ${ancestors.map((a) => `${a.id} ${a.title}`).join(' › ')}\n`);
  }
  if (requirement.note) io.stdout(`  note: ${requirement.note}\n`);

  const direct = catalog.controlsForRequirement(requirement.framework, requirement.id);
  const viaChildren = new Map<string, Control>();
  for (const child of catalog.descendants(requirement.framework, requirement.id)) {
    for (const control of catalog.controlsForRequirement(requirement.framework, child.id)) {
      if (!direct.includes(control)) viaChildren.set(control.id, control);
    }
  }
  io.stdout(`\nControls that satisfy it (${direct.length}):\n`);
  if (direct.length === 0) io.stdout('  none mapped directly\n');
  for (const control of direct) {
    const source = (control.mappings[requirement.framework] ?? []).find(
      (m) => m.id === requirement.id,
    )?.source;
    io.stdout(`  ${control.id}: ${control.title}${source ? pc.dim(`  [${source}]`) : ''}\n`);
  }
  if (viaChildren.size > 0) {
    io.stdout(`  through its sub-requirements: ${[...viaChildren.keys()].join(', ')}\n`);
  }

  const all = [...direct, ...viaChildren.values()];
  // a control that meets this requirement only through manual evidence lends it no rules
  const automated = all.filter(
    (c) =>
      !(c.mappings[requirement.framework] ?? []).some(
        (m) => m.id === requirement.id && m.manualOnly,
      ),
  );
  const rules = [...new Set(automated.flatMap((c) => rulesFor(c.id)))];
  io.stdout(`\nRules that test it (${rules.length}):\n`);
  if (rules.length === 0)
    io.stdout('  none: no built-in rule can check this from infrastructure code\n');
  for (const rule of rules) io.stdout(`  ${rule.id} (${rule.severity}): ${rule.title}\n`);

  const manual = all.flatMap((c) => c.evidence.manual.map((m) => ({ control: c.id, ...m })));
  io.stdout(`\nTo evidence by hand (${manual.length}):\n`);
  if (manual.length === 0) io.stdout('  nothing listed\n');
  for (const item of manual) {
    io.stdout(
      `  ${item.title} (${item.kind}, renew every ${item.renewalDays} days; ${item.control})\n`,
    );
  }
}

function printManual(control: Control, io: Io): void {
  io.stdout(`\nTo evidence by hand (${control.evidence.manual.length}):\n`);
  for (const item of control.evidence.manual) {
    io.stdout(
      `  ${item.title} (${item.kind}, renew every ${item.renewalDays} days; ${item.basis})\n`,
    );
  }
}

function rulesFor(controlId: string): Rule[] {
  return builtinRules.filter((rule) => rule.controls.includes(controlId));
}

function wrap(text: string, indent: number, width = 96): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + word.length + 1 > width - indent) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => ' '.repeat(indent) + l).join('\n');
}
