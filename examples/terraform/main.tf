# A Terraform module for the demo's mpu-check run: what Checkov's CKV_AWS_300 passes, and mpu-check does not.

variable "abort_days" {
  description = "Days after which incomplete multipart uploads are aborted"
  type        = number
  default     = 7
}

# Compliant: a whole-bucket rule aborts incomplete uploads after var.abort_days (its default, 7).
resource "aws_s3_bucket" "uploads" {
  bucket = "demo-uploads"
}

resource "aws_s3_bucket_lifecycle_configuration" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = var.abort_days
    }
  }
}

# A finding (MultipartUpload-MPU3): S3 rejects the whole configuration, because the second
# abort rule is filtered on a tag. Checkov passes it, as the first rule covers the bucket.
resource "aws_s3_bucket" "media" {
  bucket = "demo-media"
}

resource "aws_s3_bucket_lifecycle_configuration" "media" {
  bucket = aws_s3_bucket.media.id

  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  rule {
    id     = "abort-drafts-sooner"
    status = "Enabled"
    filter {
      tag {
        key   = "stage"
        value = "draft"
      }
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

# A finding (MultipartUpload-MPU1), acknowledged with a reason: reported as acknowledged, not failing.
# mpu-check:acknowledge MultipartUpload-MPU1 static site content, uploaded by one small PUT per file
resource "aws_s3_bucket" "site" {
  bucket = "demo-site"
}
