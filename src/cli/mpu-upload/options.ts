import { sseCustomerKey } from './sse-customer-key';
import { DEFAULT_CHECKSUM_ALGORITHM, UPLOAD_CHECKSUM_ALGORITHMS, UploadChecksumAlgorithm } from '../../upload/part-checksum';
import { DEFAULT_PART_SIZE, MAX_PART_SIZE, MIN_PART_SIZE } from '../../upload/part-layout';
import { DEFAULT_PARTS_IN_FLIGHT } from '../../upload/upload-file';
import { regionName } from '../options/aws-name-parsers';
import { connectionOptions } from '../options/connection-options';
import { HELP_OPTIONS } from '../options/help-options';
import { defineOptions, ParsedOptions, ValueParser } from '../options/option-table';
import { UsageError } from '../options/usage-error';
import { nonEmpty, oneOf, size, wholeNumber } from '../options/value-parsers';

/** Attempts per request: the seed's fix for parts that time out and are throttled, where the SDK's 3 give up. */
const DEFAULT_UPLOAD_MAX_ATTEMPTS = 10;

const SSE_ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'] as const;

const UPLOAD = 'Upload';
const ENCRYPTION = 'Encryption (as aws s3 cp takes it)';
const CONNECTION = 'Connection';

/** A part size S3 accepts: 5 MiB to 5 GiB. */
const partSize: ValueParser<number> = (flag, text) => {
  const bytes = size(flag, text);
  if (bytes < MIN_PART_SIZE || bytes > MAX_PART_SIZE) {
    throw new UsageError(`${flag} must be from 5MiB to 5GiB, the part sizes S3 accepts (got "${text}")`);
  }
  return bytes;
};

/** One of the checksums the uploader computes; the two that aws s3 cp has besides are named as not supported. */
const checksumAlgorithm: ValueParser<UploadChecksumAlgorithm> = (flag, text) => {
  const upper = text.toUpperCase();
  if (upper === 'CRC32C' || upper === 'CRC64NVME') {
    throw new UsageError(`${flag} ${text} is not supported: Node.js computes ${UPLOAD_CHECKSUM_ALGORITHMS.join(', ')} natively, so choose one of those`);
  }
  if (!(UPLOAD_CHECKSUM_ALGORITHMS as readonly string[]).includes(upper)) return oneOf(UPLOAD_CHECKSUM_ALGORITHMS)(flag, text);
  return upper as UploadChecksumAlgorithm;
};

/** Every option of mpu-upload, in the order of --help. */
export const MPU_UPLOAD_OPTIONS = defineOptions({
  ...HELP_OPTIONS,
  'part-size': {
    kind: 'string',
    valueName: 'SIZE',
    parse: partSize,
    default: DEFAULT_PART_SIZE,
    help: {
      section: UPLOAD,
      lines: ['bytes per part (5MiB to 5GiB), grown for a file that would need more than', '10,000 parts; smaller parts lose less to a crash (default 25MiB)'],
    },
  },
  'concurrency': {
    kind: 'string',
    valueName: 'N',
    parse: wholeNumber(1, 100),
    default: DEFAULT_PARTS_IN_FLIGHT,
    help: { section: UPLOAD, lines: ['parts in flight, halved while S3 throttles'], showDefault: true },
  },
  'checksum-algorithm': {
    kind: 'string',
    valueName: 'ALGORITHM',
    parse: checksumAlgorithm,
    default: DEFAULT_CHECKSUM_ALGORITHM,
    help: {
      section: UPLOAD,
      lines: ['CRC32, SHA1 or SHA256: the checksum each part carries, which S3 checks on', 'arrival and a resumed part is proven by'],
      showDefault: true,
    },
  },
  'abort-on-interrupt': {
    kind: 'flag',
    help: { section: UPLOAD, lines: ['on SIGINT or SIGTERM, abort the upload instead of keeping it to resume'] },
  },
  'no-progress': { kind: 'flag', help: { section: UPLOAD, lines: ['no progress bar on a terminal'] } },
  'sse': {
    kind: 'string',
    valueName: 'ALGORITHM',
    parse: oneOf(SSE_ALGORITHMS),
    conflictsWith: { option: 'sse-c', why: 'encrypts with keys S3 holds, --sse-c with a key you hold' },
    help: { section: ENCRYPTION, lines: ['AES256, aws:kms or aws:kms:dsse; default: the bucket\'s default encryption'] },
  },
  'sse-kms-key-id': {
    kind: 'string',
    valueName: 'KEY',
    parse: nonEmpty('give a KMS key ID, alias or ARN, or drop --sse-kms-key-id for the bucket\'s key'),
    needs: { anyOf: ['sse'], why: 'names the KMS key of --sse aws:kms' },
    help: { section: ENCRYPTION, lines: ['the KMS key of --sse aws:kms (ID, ARN or alias)'] },
  },
  'sse-c': {
    kind: 'string',
    valueName: 'ALGORITHM',
    parse: oneOf(['AES256'] as const),
    needs: { anyOf: ['sse-c-key'], why: 'encrypts with the key that --sse-c-key gives' },
    help: { section: ENCRYPTION, lines: ['AES256: encrypt with your own key (SSE-C)'] },
  },
  'sse-c-key': {
    kind: 'string',
    valueName: 'KEY',
    parse: sseCustomerKey,
    needs: { anyOf: ['sse-c'], why: 'is the key of --sse-c AES256' },
    help: { section: ENCRYPTION, lines: ['the SSE-C key: 32 bytes, as they are or in base64'] },
  },
  'region': {
    kind: 'string',
    valueName: 'REGION',
    parse: regionName,
    help: { section: CONNECTION, lines: ['the bucket\'s region; default AWS_REGION, else us-east-1 (a wrong one is', 'followed to the right one)'] },
  },
  'accelerate': {
    kind: 'flag',
    conflictsWith: { option: 'endpoint-url', why: 'sends to the Transfer Acceleration endpoint of AWS, --endpoint-url to another' },
    help: { section: CONNECTION, lines: ['through the Transfer Acceleration endpoint (the bucket must have it on)'] },
  },
  ...connectionOptions(CONNECTION, DEFAULT_UPLOAD_MAX_ATTEMPTS),
});

export type MpuUploadOptions = ParsedOptions<typeof MPU_UPLOAD_OPTIONS>;
