/**
 * The typed Kubernetes model the built-in rules read. Every field keeps where it was
 * written; a value of the wrong type (a Helm placeholder left in a manifest, say) is
 * Unknown, never guessed.
 */
import type { Entity, Field } from '../aws/field.js';
import type { SourceLocation, Value } from '../types.js';

export const K8S_WORKLOAD = 'k8s.workload';
export const K8S_ROLE = 'k8s.role';
export const K8S_BINDING = 'k8s.binding';
export const K8S_SERVICE = 'k8s.service';
export const K8S_INGRESS = 'k8s.ingress';
export const K8S_NAMESPACE = 'k8s.namespace';
export const K8S_SERVICE_ACCOUNT = 'k8s.service-account';
export const K8S_CONFIG_MAP = 'k8s.config-map';

/** Kinds whose objects carry a pod template, and where it sits. */
export const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Common to every namespaced entity. */
export interface K8sObject extends Entity {
  /** `Deployment`, `Role`, ... */
  readonly objectKind: string;
  /** The namespace, `default` when not written; undefined for cluster-scoped objects. */
  readonly namespace: string | undefined;
  readonly labels: Field<Record<string, Value>>;
  readonly annotations: Field<Record<string, Value>>;
}

export interface EnvVar {
  readonly name: string;
  /** The literal `value`, when given (not `valueFrom`). */
  readonly value: Field<string>;
  readonly fromReference: boolean;
  readonly location: SourceLocation;
}

export interface ContainerPort {
  readonly containerPort: Field<number>;
  readonly hostPort: Field<number>;
  readonly location: SourceLocation;
}

export type ContainerRole = 'container' | 'initContainer' | 'ephemeralContainer';

/**
 * A container with its effective security settings: where the container does not set a
 * field that the pod-level securityContext also has, the pod's value (and location) is
 * used, as the kubelet does.
 */
export interface Container {
  readonly name: string;
  readonly role: ContainerRole;
  readonly location: SourceLocation;
  readonly image: Field<string>;
  readonly privileged: Field<boolean>;
  readonly allowPrivilegeEscalation: Field<boolean>;
  readonly runAsNonRoot: Field<boolean>;
  readonly runAsUser: Field<number>;
  readonly readOnlyRootFilesystem: Field<boolean>;
  /** `capabilities.add`, as written. */
  readonly capabilitiesAdd: Field<readonly string[]>;
  /** `capabilities.drop`, as written. */
  readonly capabilitiesDrop: Field<readonly string[]>;
  /** `seccompProfile.type`, container over pod. */
  readonly seccompProfileType: Field<string>;
  readonly cpuLimit: Field<string>;
  readonly memoryLimit: Field<string>;
  readonly env: readonly EnvVar[];
  readonly ports: readonly ContainerPort[];
  readonly volumeMounts: readonly { readonly name: string; readonly mountPath: string }[];
}

export interface Volume {
  readonly name: string;
  /** The volume source key: `hostPath`, `secret`, `emptyDir`, ... */
  readonly source: string | undefined;
  readonly hostPath: Field<string>;
  readonly location: SourceLocation;
}

export interface Workload extends K8sObject {
  readonly kind: typeof K8S_WORKLOAD;
  /** Where the pod spec sits, e.g. `spec.template.spec`. */
  readonly podSpecPath: string;
  readonly podSpecLocation: SourceLocation;
  readonly containers: readonly Container[];
  readonly volumes: readonly Volume[];
  readonly hostNetwork: Field<boolean>;
  readonly hostPID: Field<boolean>;
  readonly hostIPC: Field<boolean>;
  /** `serviceAccountName` (or the deprecated `serviceAccount`); undefined means `default`. */
  readonly serviceAccountName: Field<string>;
  readonly automountServiceAccountToken: Field<boolean>;
}

export interface PolicyRule {
  readonly verbs: Field<readonly string[]>;
  readonly resources: Field<readonly string[]>;
  readonly apiGroups: Field<readonly string[]>;
  readonly nonResourceURLs: Field<readonly string[]>;
  readonly location: SourceLocation;
}

export interface Role extends K8sObject {
  readonly kind: typeof K8S_ROLE;
  readonly clusterScoped: boolean;
  readonly rules: readonly PolicyRule[];
  /** True when `aggregationRule` is set: the rules are filled in by the cluster. */
  readonly aggregated: boolean;
}

export interface Subject {
  readonly kind: string;
  readonly name: string;
  /** For ServiceAccount subjects: the namespace, defaulting to the binding's. */
  readonly namespace: string | undefined;
  readonly location: SourceLocation;
}

export interface Binding extends K8sObject {
  readonly kind: typeof K8S_BINDING;
  readonly clusterScoped: boolean;
  readonly roleRef: {
    readonly kind: Field<string>;
    readonly name: Field<string>;
    readonly location: SourceLocation;
  };
  readonly subjects: readonly Subject[];
}

export interface Service extends K8sObject {
  readonly kind: typeof K8S_SERVICE;
  /** `spec.type`; undefined means ClusterIP. */
  readonly serviceType: Field<string>;
}

export interface Ingress extends K8sObject {
  readonly kind: typeof K8S_INGRESS;
  /** Entries of `spec.tls`. */
  readonly tls: Field<readonly Value[]>;
  /** The `host` of each entry of `spec.rules` that names one. */
  readonly ruleHosts: readonly { readonly host: string; readonly location: SourceLocation }[];
}

/** A NetworkPolicy selecting every pod of its namespace. */
export interface NamespacePolicy {
  readonly address: string;
  readonly name: string;
  /** Lists Ingress in policyTypes (or implies it) and allows no source outright. */
  readonly restrictsIngress: boolean;
  readonly restrictsEgress: boolean;
  readonly location: SourceLocation;
}

export interface Namespace extends K8sObject {
  readonly kind: typeof K8S_NAMESPACE;
  /** False when the namespace is only referenced by workloads in the scanned files. */
  readonly declared: boolean;
  readonly policies: readonly NamespacePolicy[];
}

export interface ServiceAccount extends K8sObject {
  readonly kind: typeof K8S_SERVICE_ACCOUNT;
  readonly automountServiceAccountToken: Field<boolean>;
}

export interface ConfigMapEntry {
  readonly key: string;
  readonly value: Value;
  readonly location: SourceLocation;
}

export interface ConfigMap extends K8sObject {
  readonly kind: typeof K8S_CONFIG_MAP;
  /** Entries of `data` and `binaryData`. */
  readonly entries: readonly ConfigMapEntry[];
}
