#!/usr/bin/env bash
# What a user can do today with the AWS CLI: list the uploads of each bucket, then
# the parts of each upload, one command at a time. Prints "<uploads> <parts> <bytes>".
# Usage: ENDPOINT_URL=http://... aws-cli-audit.sh BUCKET...
set -euo pipefail
uploads=0 parts=0 bytes=0
for bucket in "$@"; do
  while IFS=$'\t' read -r key upload_id; do
    if [ -z "$upload_id" ] || [ "$key" = None ]; then continue; fi
    read -r count size < <(aws s3api list-parts --endpoint-url "$ENDPOINT_URL" --bucket "$bucket" --key "$key" --upload-id "$upload_id" \
      --query '[length(Parts), sum(Parts[].Size)]' --output text)
    uploads=$((uploads + 1)) parts=$((parts + count)) bytes=$((bytes + size))
  done < <(aws s3api list-multipart-uploads --endpoint-url "$ENDPOINT_URL" --bucket "$bucket" --query 'Uploads[].[Key,UploadId]' --output text)
done
echo "$uploads $parts $bytes"
