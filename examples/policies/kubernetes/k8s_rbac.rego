# policies/k8s_rbac.rego

# METADATA
# scope: package
# title: Kubernetes RBAC admission
# description: >-
#   Written for OPA as an admission controller: the input is an AdmissionReview, so
#   crosswalk applies it to AdmissionReview documents (see docs/policy-input.md).
# custom:
#   controls: [role-based-access, least-privilege]
package kubernetes.admission

# Deny RoleBindings that grant cluster-admin to service accounts
deny[msg] {
  input.request.kind.kind == "RoleBinding"
  input.request.object.roleRef.name == "cluster-admin"
  subject := input.request.object.subjects[_]
  subject.kind == "ServiceAccount"

  msg := sprintf("Service account '%s' cannot be granted cluster-admin role", [subject.name])
}

# Require approval annotation for production namespace access
deny[msg] {
  input.request.kind.kind == "RoleBinding"
  input.request.namespace == "production"
  not input.request.object.metadata.annotations["approved-by"]

  msg := "Production RoleBinding requires 'approved-by' annotation"
}

# Deny wildcard permissions in production
deny[msg] {
  input.request.kind.kind == "Role"
  input.request.namespace == "production"
  rule := input.request.object.rules[_]
  rule.verbs[_] == "*"

  msg := "Wildcard verbs not allowed in production Role"
}
