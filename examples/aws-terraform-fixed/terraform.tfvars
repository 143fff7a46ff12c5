environment = "prod"

data_buckets = {
  claims = {
    classification = "phi"
    versioning     = true
  }
  invoices = {
    classification = "confidential"
    versioning     = true
  }
}
