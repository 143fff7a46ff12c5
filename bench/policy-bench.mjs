#!/usr/bin/env node
// Custom-policy performance:
//  1. the original plan's Rego policies (examples/policies/compliance) over a synthetic
//     10k-resource plan: `data.compliance.main.deny` as the plan queried it with OPA, and the
//     whole crosswalk path (parse the plan, query every deny rule, attach results). Target ≤ 1 s.
//  2. one Rego rule against the equivalent built-in rule on the same input (KMS key rotation).
//     Target ≤ 10×.
// Usage: npm run build && node bench/policy-bench.mjs [resources]
//   DIST=<dir> points at another build of src/ (default: dist); RUNS=<n> (default 5) for the
//   fast measurements, HEAVY_RUNS=<n> (default 1) for the original policies.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = resolve(import.meta.dirname, '..');
const dist = resolve(repo, process.env.DIST ?? 'dist');
let runs = Number(process.env.RUNS ?? 5);
const count = Number(process.argv[2] ?? 10_000);
const load = (p) => import(pathToFileURL(join(dist, p)).href);

const { loadCatalog } = await load('catalog/index.js');
const { compile, fromJS } = await load('rego/index.js');
const { loadPaths } = await load('rego/cli.js');
const { loadPolicies, evaluatePolicies } = await load('policy/index.js');
const { loadPlan } = await load('iac/plan/index.js');
const { adaptTerraform } = await load('iac/aws/index.js');
const { builtinRules, DEFAULT_RULE_SETTINGS } = await load('rules/index.js');

/** A plan with `count` resources across the types the original plan's policies check. */
function syntheticPlan(n) {
  const policy = (statements) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
  const kinds = [
    (i) => [
      'aws_s3_bucket',
      { bucket: `b-${i}`, tags: { DataClassification: i % 2 ? 'PHI' : 'public' } },
    ],
    (i) => [
      'aws_s3_bucket_server_side_encryption_configuration',
      {
        bucket: `b-${i}`,
        rule: [
          {
            apply_server_side_encryption_by_default: [
              { sse_algorithm: i % 3 ? 'aws:kms' : 'AES256' },
            ],
          },
        ],
      },
    ],
    (i) => [
      'aws_db_instance',
      { identifier: `db-${i}`, storage_encrypted: i % 4 !== 0, publicly_accessible: i % 9 === 0 },
    ],
    (i) => ['aws_kms_key', { description: `k-${i}`, enable_key_rotation: i % 5 !== 0 }],
    (i) => [
      'aws_iam_policy',
      {
        name: `p-${i}`,
        policy: policy([
          {
            Effect: 'Allow',
            Action: i % 2 ? 's3:GetObject' : ['s3:List*'],
            Resource: i % 7 ? `arn:aws:s3:::b-${i}/*` : '*',
          },
        ]),
      },
    ],
    (i) => [
      'aws_iam_role',
      {
        name: i % 6 ? `app-${i}` : `admin-${i}`,
        assume_role_policy: policy([
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { Service: 'ec2.amazonaws.com' },
          },
        ]),
      },
    ],
    (i) => [
      'aws_security_group_rule',
      {
        type: 'ingress',
        from_port: i % 4 ? 443 : 22,
        to_port: i % 4 ? 443 : 22,
        protocol: 'tcp',
        cidr_blocks: ['0.0.0.0/0'],
      },
    ],
    (i) => [
      'aws_security_group',
      {
        name: `sg-${i}`,
        ingress: [
          {
            from_port: i % 8 ? 443 : 22,
            to_port: i % 8 ? 443 : 22,
            protocol: 'tcp',
            cidr_blocks: ['0.0.0.0/0'],
          },
        ],
        egress: [],
      },
    ],
    (i) => [
      'aws_cloudtrail',
      { name: `t-${i}`, is_multi_region_trail: i % 3 !== 0, enable_log_file_validation: true },
    ],
    (i) => ['aws_cloudwatch_log_group', { name: `lg-${i}`, retention_in_days: i % 5 ? 400 : 30 }],
  ];
  const planned = [];
  const changes = [];
  for (let i = 0; i < n; i++) {
    // j counts resources of one kind, so that each kind gets its own mix of good and bad
    const [type, values] = kinds[i % kinds.length](Math.floor(i / kinds.length));
    const name = `r${i}`;
    const address = `${type}.${name}`;
    planned.push({ address, mode: 'managed', type, name, values });
    changes.push({
      address,
      mode: 'managed',
      type,
      name,
      change: { actions: ['create'], before: null, after: values, after_unknown: {} },
    });
  }
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: { resources: planned } },
    resource_changes: changes,
  };
}

// Wall time and CPU time (user + system) of this process: on a shared machine the CPU time
// is the steadier figure to compare builds by.
function time(fn) {
  const samples = [];
  const cpu = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const startCpu = process.cpuUsage();
    result = fn();
    const used = process.cpuUsage(startCpu);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    cpu.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const mid = Math.floor(samples.length / 2);
  return { medianMs: samples[mid], minMs: samples[0], cpuMs: cpu[mid], result };
}

const catalog = loadCatalog(join(repo, 'catalog'));
const plan = syntheticPlan(count);
const text = JSON.stringify(plan);
const file = join(repo, 'bench/out/synthetic-tfplan.json');
const loaded = loadPlan(file, text, { readConfig: false });

// 1. the original plan's policies
const modules = loadPaths([join(repo, 'examples/policies/compliance')]).modules;
const compiled = compile(modules, { v0Compatible: true });
const input = fromJS(plan);
const heavyRuns = Number(process.env.HEAVY_RUNS ?? 1);
const timeHeavy = (fn) => {
  const saved = runs;
  runs = heavyRuns;
  try {
    return time(fn);
  } finally {
    runs = saved;
  }
};
const opaStyle = timeHeavy(() =>
  compiled.eval('data.compliance.main.deny', { input, rawValues: true }),
);
const denials = opaStyle.result[0].expressions[0].value.size;
const perPackage = {};
const perPackageCpu = {};
for (const pkg of ['encryption', 'access_control', 'networking', 'logging']) {
  const t = timeHeavy(() =>
    compiled.eval(`data.compliance.${pkg}.deny`, { input, rawValues: true }),
  );
  perPackage[pkg] = round(t.medianMs);
  perPackageCpu[pkg] = round(t.cpuMs);
}

const set = loadPolicies([join(repo, 'examples/policies/compliance')], catalog);
const source = { file, format: 'plan', text, resources: loaded.resources };
const full = timeHeavy(() =>
  evaluatePolicies(set, [source], { catalog, baseDir: repo, timeoutMs: 600_000 }),
);

// 2. one rule: Rego vs built-in, on the same plan
const regoRule = compile([
  {
    file: 'kms.rego',
    text: `package bench

deny contains r.address if {
  some r in input.resource_changes
  r.type == "aws_kms_key"
  not r.change.after.enable_key_rotation
}
`,
  },
]);
const regoOne = time(() => regoRule.eval('data.bench.deny', { input, rawValues: true }));
const entities = adaptTerraform(loaded.resources);
const builtin = builtinRules.find((r) => r.id === 'aws-kms-key-rotation-enabled');
const byKind = new Map();
for (const e of entities) byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), e]);
const context = { settings: DEFAULT_RULE_SETTINGS, entitiesOf: (k) => byKind.get(k) ?? [] };
const builtinOne = time(() => {
  let failed = 0;
  for (const kind of builtin.kinds) {
    for (const entity of byKind.get(kind) ?? []) {
      const verdicts = [builtin.check(entity, context)].flat();
      failed += verdicts.filter((v) => v.status === 'failed').length;
    }
  }
  return failed;
});
const regoCount = regoOne.result[0].expressions[0].value.size;
// the same two, each with the work it needs before it can run: converting the plan into a
// Rego value, and adapting the plan's resources into the typed model
const conversion = time(() => fromJS(plan));
const regoWithInput = time(() => regoRule.eval('data.bench.deny', { input: plan }));
const builtinWithModel = time(() => {
  const kinds = new Map();
  for (const e of adaptTerraform(loaded.resources))
    kinds.set(e.kind, [...(kinds.get(e.kind) ?? []), e]);
  let failed = 0;
  for (const entity of kinds.get(builtin.kinds[0]) ?? []) {
    failed += [builtin.check(entity, context)].flat().filter((v) => v.status === 'failed').length;
  }
  return failed;
});

const report = {
  resources: count,
  runs,
  originalPolicies: {
    denials,
    opaStyleMainDenyMs: round(opaStyle.medianMs),
    opaStyleMainDenyCpuMs: round(opaStyle.cpuMs),
    perPackageDenyMs: perPackage,
    perPackageDenyCpuMs: perPackageCpu,
    crosswalkPathMs: round(full.medianMs),
    crosswalkPathCpuMs: round(full.cpuMs),
    findings: full.result.findings.length,
    errors: full.result.diagnostics.filter((d) => d.severity === 'error').length,
    targetMs: 1000,
  },
  ruleVsBuiltin: {
    rule: 'KMS key rotation',
    regoMs: round(regoOne.medianMs),
    builtinMs: round(builtinOne.medianMs),
    ratio: round(regoOne.medianMs / builtinOne.medianMs),
    regoCpuMs: round(regoOne.cpuMs),
    builtinCpuMs: round(builtinOne.cpuMs),
    cpuRatio: round(regoOne.cpuMs / builtinOne.cpuMs),
    inputConversionCpuMs: round(conversion.cpuMs),
    regoWithInputConversionMs: round(regoWithInput.medianMs),
    builtinWithModelAdaptationMs: round(builtinWithModel.medianMs),
    ratioIncludingPreparation: round(regoWithInput.medianMs / builtinWithModel.medianMs),
    regoFailed: regoCount,
    builtinFailed: builtinOne.result,
    target: '≤ 10×',
  },
};
console.log(JSON.stringify(report, null, 2));
if (regoCount !== builtinOne.result) {
  console.error(`the two rules disagree: rego ${regoCount}, built-in ${builtinOne.result}`);
  process.exitCode = 1;
}

function round(x) {
  return Math.round(x * 100) / 100;
}
