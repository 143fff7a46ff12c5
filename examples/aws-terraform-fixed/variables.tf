variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type        = string
  description = "Deployment environment name."
}

variable "use_kms" {
  type    = bool
  default = true
}

variable "admin_cidr" {
  type        = string
  description = "Network allowed to reach the bastion over SSH."
  default     = "10.20.0.0/16"
}

variable "data_buckets" {
  type = map(object({
    classification = string
    versioning     = bool
  }))
}
