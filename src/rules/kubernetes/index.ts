/**
 * The built-in Kubernetes rules, one per file, in id order.
 */
import type { Rule } from '../types.js';
import k8sBindingNoAnonymousSubjects from './k8s-binding-no-anonymous-subjects.js';
import k8sClusterAdminNotBoundToServiceAccount from './k8s-cluster-admin-not-bound-to-service-account.js';
import k8sClusterRoleNoWildcards from './k8s-cluster-role-no-wildcards.js';
import k8sConfigmapNoSecrets from './k8s-configmap-no-secrets.js';
import k8sContainerCpuLimitSet from './k8s-container-cpu-limit-set.js';
import k8sContainerDropsAllCapabilities from './k8s-container-drops-all-capabilities.js';
import k8sContainerImagePinned from './k8s-container-image-pinned.js';
import k8sContainerMemoryLimitSet from './k8s-container-memory-limit-set.js';
import k8sContainerNoAddedCapabilities from './k8s-container-no-added-capabilities.js';
import k8sContainerNoHostPort from './k8s-container-no-host-port.js';
import k8sContainerNoPrivilegeEscalation from './k8s-container-no-privilege-escalation.js';
import k8sContainerNoSecretEnvLiterals from './k8s-container-no-secret-env-literals.js';
import k8sContainerNotPrivileged from './k8s-container-not-privileged.js';
import k8sContainerReadOnlyRootFilesystem from './k8s-container-read-only-root-filesystem.js';
import k8sContainerRunsAsNonRoot from './k8s-container-runs-as-non-root.js';
import k8sContainerSeccompProfileSet from './k8s-container-seccomp-profile-set.js';
import k8sIngressTlsConfigured from './k8s-ingress-tls-configured.js';
import k8sNamespaceDefaultDenyIngress from './k8s-namespace-default-deny-ingress.js';
import k8sPodNoHostIpc from './k8s-pod-no-host-ipc.js';
import k8sPodNoHostNetwork from './k8s-pod-no-host-network.js';
import k8sPodNoHostPathVolumes from './k8s-pod-no-host-path-volumes.js';
import k8sPodNoHostPid from './k8s-pod-no-host-pid.js';
import k8sPodServiceAccountTokenNotAutomounted from './k8s-pod-service-account-token-not-automounted.js';
import k8sProductionRoleBindingApproved from './k8s-production-role-binding-approved.js';
import k8sProductionRoleNoWildcards from './k8s-production-role-no-wildcards.js';
import k8sServiceNotExternallyExposed from './k8s-service-not-externally-exposed.js';
import k8sWorkloadNotInDefaultNamespace from './k8s-workload-not-in-default-namespace.js';

export const kubernetesRules: Rule[] = [
  k8sBindingNoAnonymousSubjects as Rule,
  k8sClusterAdminNotBoundToServiceAccount as Rule,
  k8sClusterRoleNoWildcards as Rule,
  k8sConfigmapNoSecrets as Rule,
  k8sContainerCpuLimitSet as Rule,
  k8sContainerDropsAllCapabilities as Rule,
  k8sContainerImagePinned as Rule,
  k8sContainerMemoryLimitSet as Rule,
  k8sContainerNoAddedCapabilities as Rule,
  k8sContainerNoHostPort as Rule,
  k8sContainerNoPrivilegeEscalation as Rule,
  k8sContainerNoSecretEnvLiterals as Rule,
  k8sContainerNotPrivileged as Rule,
  k8sContainerReadOnlyRootFilesystem as Rule,
  k8sContainerRunsAsNonRoot as Rule,
  k8sContainerSeccompProfileSet as Rule,
  k8sIngressTlsConfigured as Rule,
  k8sNamespaceDefaultDenyIngress as Rule,
  k8sPodNoHostIpc as Rule,
  k8sPodNoHostNetwork as Rule,
  k8sPodNoHostPathVolumes as Rule,
  k8sPodNoHostPid as Rule,
  k8sPodServiceAccountTokenNotAutomounted as Rule,
  k8sProductionRoleBindingApproved as Rule,
  k8sProductionRoleNoWildcards as Rule,
  k8sServiceNotExternallyExposed as Rule,
  k8sWorkloadNotInDefaultNamespace as Rule,
];
