# policies/compliance/main.rego
package compliance.main

import data.compliance.encryption
import data.compliance.access_control
import data.compliance.networking
import data.compliance.logging

# Aggregate all policy violations
deny[msg] {
  msg := encryption.deny[_]
}

deny[msg] {
  msg := access_control.deny[_]
}

deny[msg] {
  msg := networking.deny[_]
}

deny[msg] {
  msg := logging.deny[_]
}

# Policy metadata for reporting
policies[policy] {
  policy := {
    "name": "Encryption at Rest",
    "frameworks": ["SOC2", "HIPAA", "GDPR"],
    "severity": "critical"
  }
}
