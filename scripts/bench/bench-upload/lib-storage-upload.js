// One upload with @aws-sdk/lib-storage's Upload, for scripts/bench/bench-upload.ts: a process of its own,
// like mpu-upload and the AWS CLI, so that the three are timed and killed alike.
'use strict';
const { createReadStream } = require('node:fs');
const { S3Client } = require('@aws-sdk/client-s3');
const { Upload } = require('@aws-sdk/lib-storage');

const [file, bucket, key, endpoint, partSize, queueSize] = process.argv.slice(2);
const client = new S3Client({
  endpoint,
  region: process.env.AWS_REGION,
  forcePathStyle: true,
  maxAttempts: 10,
  // Checksums as the SDK has them by default: a CRC32 on each part, as mpu-upload sends.
});
new Upload({ client, params: { Bucket: bucket, Key: key, Body: createReadStream(file) }, partSize: Number(partSize), queueSize: Number(queueSize) })
  .done()
  .then(() => process.exit(0), error => {
    process.stderr.write(`lib-storage: ${error.name}: ${error.message}\n`);
    process.exit(1);
  });
