/**
 * OSCAL 1.0.4 assessment results: one observation per ledger record behind the posture, one
 * finding per requirement whose target is the framework requirement, and the requirements as
 * the reviewed controls. UUIDs are name-based (v5) from record ids and requirement ids, so the
 * same ledger always gives the same document.
 */
import type { EvidenceRef, RequirementPosture } from '../../posture/history.js';
import type { FrameworkReportData } from './model.js';
import { percent, STATUS_LABELS, where } from './model.js';
import { uuidV5 } from './uuid.js';
import { VERSION } from '../../version.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** OSCAL tokens start with a letter or `_` and hold letters, digits, `.`, `-`, `_` only. */
export function oscalToken(framework: string, id: string): string {
  const body = id
    .replace(/\(([^)]*)\)/g, '.$1')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^[._-]+|[._-]+$/g, '');
  return `${framework}-${body}`;
}

export function renderOscal(data: FrameworkReportData): string {
  const fw = data.framework;
  const requirements = data.groups.flatMap((g) => g.requirements);
  const observationUuid = (e: EvidenceRef) => uuidV5(`observation:${fw.id}:${e.id}`);
  const head = data.evidence.map((e) => e.hash).join(',');

  const observations = data.evidence.map((e) => observation(e, observationUuid(e)));
  const findings = requirements.map((r) => finding(fw.id, data.period.to, r, observationUuid));

  const result: { [key: string]: Json } = {
    uuid: uuidV5(`result:${fw.id}:${data.period.from}:${data.period.to}:${head}`),
    title: `${fw.name} posture, ${data.period.from.slice(0, 10)} to ${data.period.to.slice(0, 10)}`,
    description:
      `Requirement statuses computed by crosswalk from its evidence ledger at ${data.period.to}. ` +
      `Score ${percent(data.posture.score)} of assessed requirements passing; coverage ` +
      `${percent(data.posture.coverage)} of requirements with any evidence.`,
    start: data.period.from,
    end: data.period.to,
    props: [
      prop('score', data.posture.score === null ? 'none' : data.posture.score.toFixed(4)),
      prop('coverage', data.posture.coverage.toFixed(4)),
    ],
    'reviewed-controls': {
      description: `${fw.name} ${fw.version} requirements reported by crosswalk.`,
      'control-selections': [
        requirements.length > 0
          ? {
              'include-controls': requirements.map((r) => ({
                'control-id': oscalToken(fw.id, r.id),
              })),
            }
          : { 'include-all': {} },
      ],
    },
    ...(observations.length > 0 ? { observations } : {}),
    ...(findings.length > 0 ? { findings } : {}),
  };

  const document = {
    'assessment-results': {
      uuid: uuidV5(`assessment-results:${fw.id}:${data.period.from}:${data.period.to}:${head}`),
      metadata: {
        title: `crosswalk assessment results: ${fw.name}`,
        'last-modified': data.period.to,
        version: data.schemaVersion,
        'oscal-version': '1.0.4',
        props: [prop('generator', `crosswalk/${VERSION}`), prop('framework-version', fw.version)],
        remarks: `Requirement ids follow ${fw.source}. Control ids are OSCAL tokens made from them.`,
      },
      'import-ap': {
        href: `urn:crosswalk:assessment-plan:${fw.id}`,
        remarks:
          'crosswalk assesses continuously from its evidence ledger; there is no separate assessment plan.',
      },
      results: [result],
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function observation(e: EvidenceRef, uuid: string): { [key: string]: Json } {
  const manual = e.kind === 'manual';
  return {
    uuid,
    title: `${e.kind} record ${e.seq}`,
    description: `Evidence ledger record ${e.id} (${e.kind}) from ${e.source}, status ${e.status}.`,
    props: [
      prop('record-id', e.id),
      prop('record-seq', String(e.seq)),
      prop('record-hash', e.hash),
      prop('record-source', e.source),
      ...(e.control ? [prop('control', e.control)] : []),
      ...(e.artifactSha256 ? [prop('artifact-sha256', e.artifactSha256)] : []),
    ],
    methods: [manual ? 'EXAMINE' : 'TEST'],
    types: [manual ? 'control-objective' : 'finding'],
    'relevant-evidence': [{ description: `Ledger record ${e.id}, SHA-256 chain hash ${e.hash}.` }],
    collected: e.collectedAt,
  };
}

function finding(
  framework: string,
  to: string,
  r: RequirementPosture,
  observationUuid: (e: EvidenceRef) => string,
): { [key: string]: Json } {
  const satisfied = r.status === 'passing';
  const lines = [
    `${STATUS_LABELS[r.status] ?? r.status}.`,
    ...r.failures.map(
      (f) => `Open failure: ${f.ruleId} at ${where(f) || f.resource}: ${f.message}`,
    ),
    ...r.unknowns.map((f) => `Undecided: ${f.ruleId} at ${where(f) || f.resource}: ${f.message}`),
    ...r.waivers.map(
      (w) =>
        `Waived: ${w.ruleId} at ${where(w)}: ${w.waiver?.reason ?? ''}` +
        `${w.waiver?.owner ? `; owner ${w.waiver.owner}` : ''}${w.waiver?.expires ? `; expires ${w.waiver.expires}` : ''}`,
    ),
    ...r.manual
      .filter((m) => m.state !== 'current')
      .map((m) => `Manual evidence ${m.control}/${m.item}: ${m.state}.`),
  ];
  return {
    uuid: uuidV5(`finding:${framework}:${r.id}:${to}`),
    title: `${r.id} ${r.title}`,
    description: lines.join('\n'),
    props: [
      prop('requirement-id', r.id),
      prop('crosswalk-status', r.status),
      ...r.controls.map((c) => prop('control', c)),
    ],
    target: {
      type: 'objective-id',
      'target-id': oscalToken(framework, r.id),
      title: `${r.id} ${r.title}`,
      status: { state: satisfied ? 'satisfied' : 'not-satisfied', reason: r.status },
    },
    ...(r.evidence.length > 0
      ? {
          'related-observations': r.evidence.map((e) => ({
            'observation-uuid': observationUuid(e),
          })),
        }
      : {}),
  };
}

function prop(name: string, value: string): { [key: string]: Json } {
  return { name, value, ns: 'urn:crosswalk:oscal' };
}
