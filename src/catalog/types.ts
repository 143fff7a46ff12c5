/**
 * The catalog's data model: frameworks and their requirement trees, the unified controls,
 * the mappings between them, and legacy ids that resolve to current ones.
 */

/** Framework ids the catalog ships. */
export type FrameworkId =
  'soc2' | 'hipaa' | 'pci-dss' | 'gdpr' | 'iso27001' | 'ccpa' | 'nist-800-53';

export const FRAMEWORK_IDS: readonly FrameworkId[] = [
  'soc2',
  'hipaa',
  'pci-dss',
  'gdpr',
  'iso27001',
  'ccpa',
  'nist-800-53',
];

/**
 * What a node of a requirement tree is, in its framework's own terms: SOC 2 `group` and
 * `criterion`; HIPAA `section`, `standard`, `specification`, `paragraph`; PCI DSS
 * `requirement`, `section`, `sub-requirement`; GDPR `article`, `paragraph`, `point`; ISO
 * `theme`, `control`, `clause`; CCPA `section`, `subdivision`, `paragraph`, `subparagraph`;
 * NIST `family`, `control`, `enhancement`.
 */
export type RequirementKind =
  | 'group'
  | 'criterion'
  | 'section'
  | 'standard'
  | 'specification'
  | 'paragraph'
  | 'requirement'
  | 'sub-requirement'
  | 'article'
  | 'point'
  | 'theme'
  | 'control'
  | 'clause'
  | 'subdivision'
  | 'subparagraph'
  | 'family'
  | 'enhancement';

export const REQUIREMENT_KINDS: readonly RequirementKind[] = [
  'group',
  'criterion',
  'section',
  'standard',
  'specification',
  'paragraph',
  'requirement',
  'sub-requirement',
  'article',
  'point',
  'theme',
  'control',
  'clause',
  'subdivision',
  'subparagraph',
  'family',
  'enhancement',
];

/** HIPAA: whether a standard or implementation specification is required or addressable. */
export type Obligation = 'required' | 'addressable';

/** HIPAA safeguard group (Security Rule) or rule part (breach notification, privacy). */
export type Safeguard =
  | 'administrative'
  | 'physical'
  | 'technical'
  | 'organizational'
  | 'documentation'
  | 'breach-notification'
  | 'privacy';

/** ISO/IEC 27001:2022 Annex A theme. */
export type IsoTheme = 'organizational' | 'people' | 'physical' | 'technological';

/** SOC 2 Trust Services category. */
export type TscCategory =
  'security' | 'availability' | 'confidentiality' | 'processing-integrity' | 'privacy';

export interface Requirement {
  readonly framework: string;
  /** The framework's own numbering, e.g. `164.312(a)(2)(iv)`, `8.4.2`, `A.8.24`, `32(1)(a)`. */
  readonly id: string;
  /** Our own short words, never the standard's text. */
  readonly title: string;
  readonly parent?: string;
  readonly kind: RequirementKind;
  /** HIPAA only. */
  readonly obligation?: Obligation;
  /** HIPAA only; inherited from the section. */
  readonly safeguard?: Safeguard;
  /** ISO 27001 Annex A only; inherited from the theme. */
  readonly theme?: IsoTheme;
  /** SOC 2 only; inherited from the group. */
  readonly category?: TscCategory;
  readonly note?: string;
}

export interface Framework {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  /** Citation of the text the ids come from. */
  readonly source: string;
  /** Other names accepted by `Catalog.framework()`, e.g. `pci`, `iso`. */
  readonly aliases: readonly string[];
  /** In file order: parents before children. */
  readonly requirements: readonly Requirement[];
}

/** One requirement a control satisfies, with where the mapping comes from. */
export interface Mapping {
  readonly id: string;
  /** e.g. "regulatory.md §1 R6". */
  readonly source: string;
  readonly note?: string;
  /**
   * The control meets this requirement only through what people show (a procedure, a
   * destruction record): automated checks of the control are not evidence for it, so scan
   * findings do not cite it. E.g. disposal of paper and equipment under a retention control.
   */
  readonly manualOnly?: boolean;
}

export type ControlArea =
  | 'identity'
  | 'data'
  | 'logging'
  | 'network'
  | 'vulnerability'
  | 'incident'
  | 'continuity'
  | 'governance';

export const CONTROL_AREAS: readonly ControlArea[] = [
  'identity',
  'data',
  'logging',
  'network',
  'vulnerability',
  'incident',
  'continuity',
  'governance',
];

export type ManualEvidenceKind =
  | 'policy'
  | 'procedure'
  | 'plan'
  | 'record'
  | 'review'
  | 'test'
  | 'training'
  | 'contract'
  | 'assessment'
  | 'report';

export const MANUAL_EVIDENCE_KINDS: readonly ManualEvidenceKind[] = [
  'policy',
  'procedure',
  'plan',
  'record',
  'review',
  'test',
  'training',
  'contract',
  'assessment',
  'report',
];

/** Something a person must show, renewed every `renewalDays`. */
export interface ManualEvidence {
  /** Unique within its control. */
  readonly id: string;
  readonly title: string;
  readonly kind: ManualEvidenceKind;
  readonly renewalDays: number;
  /** Why that period: the requirement that sets it, or "house default". */
  readonly basis: string;
}

export interface EvidenceSpec {
  /** True when built-in rules can test the control from infrastructure code. */
  readonly automated: boolean;
  readonly manual: readonly ManualEvidence[];
}

export interface Control {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly area: ControlArea;
  /** Framework id → the requirements of that framework this control maps to. */
  readonly mappings: Readonly<Record<string, readonly Mapping[]>>;
  readonly evidence: EvidenceSpec;
}

/** A superseded id (ISO 27001:2013, PCI DSS v3.2.1) and what replaced it. */
export interface LegacyEntry {
  readonly framework: string;
  readonly id: string;
  /** The edition the id belongs to, e.g. `2013`, `3.2.1`. */
  readonly version: string;
  /** Current ids in the framework's catalog. */
  readonly current: readonly string[];
  /** Says the id is superseded, and anything a reader of the old id must know. */
  readonly note: string;
  readonly source: string;
}

/** A framework requirement named by framework id and requirement id. */
export interface RequirementRef {
  readonly framework: string;
  readonly id: string;
}

/** What `Catalog.resolve()` found for an id in any accepted form. */
export interface Resolution {
  /** The current requirement with that id, when there is one. */
  readonly requirement?: Requirement;
  /** The legacy entry, when the id is also (or only) a superseded one. */
  readonly legacy?: LegacyEntry;
}
