/**
 * Tolerant reading of requirement ids as people and other tools write them:
 * `§164.312(a)(2)(iv)`, `Art. 32(1)(a)`, `8.24` for `A.8.24`, `cc_6_1`, `AC-6 (9)`.
 * Produces candidate ids in order of preference; the catalog takes the first that exists.
 */

/** Citation words and framework names that may precede an id. */
const PREFIXES = [
  /^(?:45\s*c\.?\s*f\.?\s*r\.?(?:\s*part)?)\s*/i,
  /^(?:cal(?:ifornia)?\.?\s*civ(?:il)?\.?\s*code)\s*/i,
  /^(?:gdpr|ccpa|cpra|hipaa|soc\s*2|tsc|nist(?:\s*sp)?(?:\s*800-53)?(?:\s*r(?:ev\.?\s*)?5)?)\s*[:-]?\s*/i,
  // The edition only counts when a space follows it: "PCI DSS 4.2.1" is requirement 4.2.1.
  /^(?:pci(?:[\s-]*dss)?(?:\s*v?4(?:\.0(?:\.1)?)?(?=\s))?)\s*[:-]?\s*/i,
  /^(?:iso(?:\/iec)?\s*27001(?::\s*20(?:13|22))?)\s*[:-]?\s*/i,
  /^(?:annex\s+a\s*[:-]?\s*)/i,
  /^(?:§+|sec(?:tion)?\.?|art(?:icle)?s?\.?|req(?:uirement)?\.?|clause|control)\s*/i,
];

function stripPrefixes(input: string): string {
  let s = input.trim();
  for (let changed = true; changed;) {
    changed = false;
    for (const prefix of PREFIXES) {
      const next = s.replace(prefix, '');
      if (next !== s && next !== '') {
        s = next;
        changed = true;
      }
    }
  }
  return s;
}

/** Candidate ids for `raw` in `framework`, most literal first, without duplicates. */
export function candidateIds(framework: string, raw: string): string[] {
  const out: string[] = [];
  const add = (s: string | undefined): void => {
    if (s && !out.includes(s)) out.push(s);
  };
  add(raw);
  add(raw.trim());
  const bare = stripPrefixes(raw).replace(/\s+/g, '');
  add(bare);

  switch (framework) {
    case 'soc2': {
      const up = bare.toUpperCase();
      add(up);
      // Prowler style: cc_6_1, pi_1_2, cc_a_1_1 (availability under the cc_ prefix).
      const prowler = /^(?:CC_)?([A-Z]+)_(\d+)_(\d+)$/.exec(up);
      if (prowler) add(`${prowler[1]}${prowler[2]}.${prowler[3]}`);
      const cc = /^CC_([A-Z]+)_(\d+)_(\d+)$/.exec(up);
      if (cc) add(`${cc[1]}${cc[2]}.${cc[3]}`);
      // Some machine-readable sources label processing integrity PP1.x.
      if (/^PP\d/.test(up)) add(`PI${up.slice(2)}`);
      break;
    }
    case 'hipaa': {
      // Prowler style: 164_308_a_1_ii_a.
      const parts = bare.split('_');
      if (parts.length > 2 && parts[0] === '164') {
        add(
          `164.${parts[1]}${parts
            .slice(2)
            .map((p) => `(${p})`)
            .join('')}`,
        );
      }
      // The CFR states a standard in sub-paragraph (i); the catalog names it by its paragraph.
      for (const id of [...out]) {
        if (id.endsWith('(i)')) add(id.slice(0, -'(i)'.length));
      }
      break;
    }
    case 'iso27001': {
      const a = /^A\.?(\d.*)$/i.exec(bare);
      if (a) add(`A.${a[1]}`);
      else if (/^\d+(?:\.\d+)+$/.test(bare)) add(`A.${bare}`);
      break;
    }
    case 'nist-800-53': {
      const m = /^([A-Za-z]{2})-?0*(\d+)(?:[.(]0*(\d+)\)?)?$/.exec(bare);
      if (m) add(`${m[1]!.toUpperCase()}-${m[2]}${m[3] ? `(${m[3]})` : ''}`);
      add(bare.toUpperCase());
      break;
    }
    case 'pci-dss':
      add(bare.toUpperCase());
      break;
    default:
      break;
  }
  return out;
}
