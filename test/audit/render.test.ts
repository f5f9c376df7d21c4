import { render, REPORT_FORMATS, ReportFormat } from '../../src/audit/render';
import { renderCsv } from '../../src/audit/render/csv';
import { humanBytes } from '../../src/audit/render/human-size';
import { renderJson, renderJsonChunks } from '../../src/audit/render/json';
import { renderMarkdown } from '../../src/audit/render/markdown';
import { formatUsd, renderTable, reportNotes } from '../../src/audit/render/table';
import { AuditReport, BucketReport, breaksRule, UploadReport } from '../../src/audit/report';
import { RULES } from '../../src/policy/rule-catalogue';
import { MultipartUploadRuleId } from '../../src/policy/verdict';

const MIB = 1024 * 1024;

function upload(key: string, uploadId: string, initiated: string, ageSeconds: number, parts: number, bytes: number, orphan: boolean): UploadReport {
  return { key, uploadId, initiated, ageSeconds, storageClass: 'STANDARD', parts, bytes, orphan, initiator: null, owner: null, kept: null };
}

/** Compliant, nothing to clean up; one upload in progress; made by a CloudFormation stack. */
const COMPLIANT_BUCKET: BucketReport = {
  name: 'alpha-logs',
  region: 'eu-west-1',
  verdict: 'COMPLIANT',
  verdictReason: 'a rule aborts incomplete uploads after 3 days',
  uploads: 0,
  parts: 0,
  bytes: 0,
  oldestInitiated: null,
  estimatedMonthlyCostUsd: 0,
  inProgress: { uploads: 1, bytes: 5 * MIB },
  keptOrphans: { uploads: 0, bytes: 0 },
  error: null,
  managedBy: {
    kind: 'cloudformation',
    stackName: 'Logs',
    stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Logs/1b2c3d40-0000-11ef-8000-0a1b2c3d4e5f',
    logicalId: 'AlphaLogsB1A2B3C4',
  },
  uploadList: [
    upload('logs/today.gz', 'u-young', '2024-05-10T11:00:00.000Z', 3600, 1, 5 * MIB, false),
  ],
};

/** No abort rule, two orphans (200 + 100 MiB), two uploads in progress. */
const ORPHANS_BUCKET: BucketReport = {
  name: 'beta-media',
  region: 'us-east-1',
  verdict: MultipartUploadRuleId.MPU1,
  verdictReason: 'no enabled rule aborts incomplete multipart uploads',
  uploads: 2,
  parts: 60,
  bytes: 300 * MIB,
  oldestInitiated: '2024-04-30T12:00:00.000Z',
  estimatedMonthlyCostUsd: 0.0067,
  inProgress: { uploads: 2, bytes: 10 * MIB },
  keptOrphans: { uploads: 0, bytes: 0 },
  error: null,
  managedBy: null,
  uploadList: [
    upload('video/a.mp4', 'u-1', '2024-04-30T12:00:00.000Z', 864000, 40, 200 * MIB, true),
    upload('video/b.mp4', 'u-2', '2024-05-05T12:00:00.000Z', 432000, 20, 100 * MIB, true),
    upload('video/c.mp4', 'u-3', '2024-05-10T10:00:00.000Z', 7200, 1, 5 * MIB, false),
    upload('video/d.mp4', 'u-4', '2024-05-10T11:30:00.000Z', 1800, 1, 5 * MIB, false),
  ],
};

/** The lifecycle could not be read; the uploads could (one small orphan), but the bucket is left out of the totals. */
const FAILED_BUCKET: BucketReport = {
  name: 'gamma-private',
  region: 'ap-southeast-2',
  verdict: 'UNKNOWN',
  verdictReason: 'the lifecycle configuration could not be read',
  uploads: 1,
  parts: 3,
  bytes: 1536,
  oldestInitiated: '2024-05-08T00:00:00.000Z',
  estimatedMonthlyCostUsd: 0,
  inProgress: { uploads: 0, bytes: 0 },
  keptOrphans: { uploads: 0, bytes: 0 },
  error: 'lifecycle: AccessDenied (HTTP 403): Access Denied',
  managedBy: { kind: 'unknown', error: 'tags: AccessDenied (HTTP 403); needs s3:GetBucketTagging' },
  uploadList: [
    upload('tiny', 'u-5', '2024-05-08T00:00:00.000Z', 216000, 3, 1536, true),
  ],
};

/** As `audit()` builds them: totals over the buckets read without error. */
const REPORT: AuditReport = {
  generatedAt: '2024-05-10T12:00:00.000Z',
  olderThanSeconds: 86400,
  maxDays: 7,
  scope: { buckets: [], regions: [], prefix: null, excludePrefixes: [], keepInitiators: [] },
  partsRead: true,
  throttling: { slowDowns: 0, lowestConcurrency: 16 },
  totals: {
    buckets: 3,
    uploads: 2,
    parts: 60,
    bytes: 300 * MIB,
    estimatedMonthlyCostUsd: 0.0067,
    failedBuckets: 1,
    bucketsFailingRule: 1,
    keptOrphans: { uploads: 0, bytes: 0 },
  },
  buckets: [COMPLIANT_BUCKET, ORPHANS_BUCKET, FAILED_BUCKET],
};

/** The fixture with the failed bucket's error replaced. */
function withError(error: string): AuditReport {
  return { ...REPORT, buckets: [COMPLIANT_BUCKET, ORPHANS_BUCKET, { ...FAILED_BUCKET, error }] };
}

/** One bucket read in full, with nothing in progress. */
function cleanReport(bucket: Partial<BucketReport> = {}): AuditReport {
  const only: BucketReport = { ...ORPHANS_BUCKET, inProgress: { uploads: 0, bytes: 0 }, ...bucket };
  return {
    ...REPORT,
    totals: {
      buckets: 1,
      uploads: only.uploads,
      parts: only.parts,
      bytes: only.bytes,
      estimatedMonthlyCostUsd: only.estimatedMonthlyCostUsd,
      failedBuckets: 0,
      bucketsFailingRule: 1,
      keptOrphans: only.keptOrphans,
    },
    buckets: [only],
  };
}

/** The note under a human report with the fixture's one stack-managed bucket read in full. */
const MANAGED_NOTE = 'Managed: 1 bucket by a CloudFormation stack (stack); --fix-lifecycle leaves managed buckets to their source. '
  + '--format json names the stack or tag (managedBy).';

/** The CSV fields of the failed bucket's managedBy. */
const GAMMA_MANAGED = 'unknown,tags: AccessDenied (HTTP 403); needs s3:GetBucketTagging';

/** The record of the failed bucket, the last one: from its line to the final newline (a quoted field may hold line breaks). */
function lastCsvRecord(csv: string): string {
  return csv.slice(csv.indexOf('\ngamma-private,') + 1, -1);
}

describe('humanBytes', () => {
  test.each([
    [0, '0 B'],
    [1, '1 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [1048575, '1.0 MiB'],
    [1048576, '1.0 MiB'],
    [314572800, '300.0 MiB'],
    [2 ** 30, '1.0 GiB'],
    [1.5 * 2 ** 40, '1.5 TiB'],
    [2 ** 50, '1.0 PiB'],
    [2 ** 60, '1024.0 PiB'],
  ])('%d bytes -> %s', (bytes, expected) => {
    // WHEN
    const text = humanBytes(bytes);
    // THEN
    expect(text).toEqual(expected);
  });
});

describe('formatUsd', () => {
  test.each([
    [0, '0.00'],
    [0.0001, '<0.01'],
    [0.0049, '<0.01'],
    [0.0067, '0.01'],
    [12.5, '12.50'],
    [1234.567, '1234.57'],
  ])('%d USD -> %s', (usd, expected) => {
    expect(formatUsd(usd)).toEqual(expected);
  });
});

describe('renderCsv', () => {
  test('one row per bucket with exact numbers and empty fields for null', () => {
    // WHEN
    const csv = renderCsv(REPORT);
    // THEN
    expect(csv).toEqual(
      'bucket,region,verdict,uploads,parts,bytes,oldest_initiated,estimated_monthly_cost_usd,managed_by,managed_by_name,error\n'
      + 'alpha-logs,eu-west-1,COMPLIANT,0,0,0,,0,cloudformation,Logs,\n'
      + 'beta-media,us-east-1,MultipartUpload-MPU1,2,60,314572800,2024-04-30T12:00:00.000Z,0.0067,,,\n'
      + 'gamma-private,ap-southeast-2,UNKNOWN,1,3,1536,2024-05-08T00:00:00.000Z,0,unknown,tags: AccessDenied (HTTP 403); needs s3:GetBucketTagging,'
      + 'lifecycle: AccessDenied (HTTP 403): Access Denied\n',
    );
  });

  test('an empty report is the header alone', () => {
    // GIVEN
    const empty: AuditReport = { ...REPORT, buckets: [] };
    // WHEN
    const csv = renderCsv(empty);
    // THEN
    expect(csv).toEqual('bucket,region,verdict,uploads,parts,bytes,oldest_initiated,estimated_monthly_cost_usd,managed_by,managed_by_name,error\n');
  });

  test.each([
    ['a comma', 'denied, try later', '"denied, try later"'],
    ['a quote', 'the "key" is bad', '"the ""key"" is bad"'],
    ['a line feed', 'first\nsecond', '"first\nsecond"'],
    ['a carriage return', 'first\rsecond', '"first\rsecond"'],
    ['a comma, a quote and a newline', 'He said "no", then\nleft', '"He said ""no"", then\nleft"'],
    ['nothing special', 'plain text', 'plain text'],
  ])('an error with %s is written as RFC 4180 asks', (_, error, field) => {
    // GIVEN
    const report = withError(error);
    // WHEN
    const csv = renderCsv(report);
    // THEN
    expect(lastCsvRecord(csv)).toEqual(`gamma-private,ap-southeast-2,UNKNOWN,1,3,1536,2024-05-08T00:00:00.000Z,0,${GAMMA_MANAGED},${field}`);
  });

  test.each([
    ['=', '=HYPERLINK("http://evil.example","x")', '"\'=HYPERLINK(""http://evil.example"",""x"")"'],
    ['+', '+1+2', "'+1+2"],
    ['-', '-2+3', "'-2+3"],
    ['@', '@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['a tab', '\t=1', "'\t=1"],
  ])('an error starting with %s cannot run as a formula', (_, error, field) => {
    // GIVEN
    const report = withError(error);
    // WHEN
    const csv = renderCsv(report);
    // THEN
    expect(lastCsvRecord(csv)).toEqual(`gamma-private,ap-southeast-2,UNKNOWN,1,3,1536,2024-05-08T00:00:00.000Z,0,${GAMMA_MANAGED},${field}`);
  });

  test('a formula character inside a text field is left alone', () => {
    // GIVEN
    const report = withError('x=1 and y@z');
    // WHEN
    const csv = renderCsv(report);
    // THEN
    expect(lastCsvRecord(csv).endsWith(`,0,${GAMMA_MANAGED},x=1 and y@z`)).toBe(true);
  });
});

describe('renderJson', () => {
  test('round-trips the whole report, upload list included', () => {
    // WHEN
    const json = renderJson(REPORT);
    // THEN
    expect(JSON.parse(json)).toEqual(REPORT);
    expect(JSON.parse(json).buckets[1].uploadList).toHaveLength(4);
  });

  test('keeps exact byte counts, indents by 2 and ends with a newline', () => {
    // WHEN
    const json = renderJson(REPORT);
    // THEN
    expect(json.startsWith('{\n  "generatedAt": "2024-05-10T12:00:00.000Z",\n')).toBe(true);
    expect(json).toContain('"bytes": 314572800,');
    expect(json).toContain('"error": null,');
    expect(json.endsWith('}\n')).toBe(true);
  });

  test.each([
    ['the fixture', REPORT],
    ['no buckets', { ...REPORT, buckets: [] }],
    ['buckets without uploads', { ...REPORT, buckets: REPORT.buckets.map(b => ({ ...b, uploadList: [] })) }],
  ])('is exactly JSON.stringify with a 2-space indent, for %s', (_, report) => {
    expect(renderJson(report)).toBe(JSON.stringify(report, null, 2) + '\n');
  });

  test('comes in pieces of about the chunk size that join to the whole text', () => {
    // GIVEN
    const many = { ...REPORT, buckets: [{ ...ORPHANS_BUCKET, uploadList: Array.from({ length: 300 }, () => ORPHANS_BUCKET.uploadList[0]) }] };
    // WHEN
    const pieces = [...renderJsonChunks(many, { chunkSize: 4096 })];
    // THEN
    expect(pieces.join('')).toBe(JSON.stringify(many, null, 2) + '\n');
    expect(pieces.length).toBeGreaterThan(10);
    expect(Math.max(...pieces.map(p => p.length))).toBeLessThan(4096 + 400);
  });
});

describe('renderTable', () => {
  test('aligns one row per bucket, a TOTAL row over the buckets read, then the notes', () => {
    // WHEN
    const table = renderTable(REPORT);
    // THEN
    expect(table).toEqual([
      'BUCKET         REGION          VERDICT               MANAGED  ORPHANED UPLOADS  PARTS       SIZE  OLDEST  EST. USD/MONTH  ERROR',
      'alpha-logs     eu-west-1       COMPLIANT             stack                   0      0        0 B       -            0.00  -',
      'beta-media     us-east-1       MultipartUpload-MPU1  -                       2     60  300.0 MiB     10d            0.01  -',
      'gamma-private  ap-southeast-2  UNKNOWN               ?                       1      3    1.5 KiB      2d            0.00  lifecycle: AccessDenied (HTTP 403): Access Denied',
      'TOTAL                                                                        2     60  300.0 MiB     10d            0.01',
      '1 of 3 buckets could not be read in full; totals cover the others.',
      '3 uploads younger than 24h are in progress and were not counted.',
      MANAGED_NOTE,
      '',
    ].join('\n'));
  });

  test('the TOTAL row shows the totals, not the failed bucket', () => {
    // WHEN
    const total = renderTable(REPORT).split('\n').find(line => line.startsWith('TOTAL'));
    // THEN
    expect(total?.split(/ {2,}/)).toEqual(['TOTAL', '2', '60', '300.0 MiB', '10d', '0.01']);
  });

  test('keeps a long error whole and on its row, without control characters', () => {
    // GIVEN
    const long = `uploads: SlowDown: ${'please reduce your request rate '.repeat(6)}\n\u001b[31mred\u001b[0m`;
    // WHEN
    const lines = renderTable(withError(long)).split('\n');
    // THEN
    const row = lines.find(line => line.startsWith('gamma-private'));
    expect(row).toContain('please reduce your request rate '.repeat(6).trim());
    expect(row?.endsWith(' [31mred [0m')).toBe(true);
    expect(lines).toHaveLength(9);
    expect(renderTable(withError(long))).not.toContain('\u001b');
  });

  test.each([
    [0.0049, '<0.01'],
    [0, '0.00'],
    [3.456, '3.46'],
  ])('a cost of %d USD shows as %s', (usd, shown) => {
    // GIVEN
    const report = cleanReport({ estimatedMonthlyCostUsd: usd });
    // WHEN
    const row = renderTable(report).split('\n')[1];
    // THEN
    expect(row.endsWith(`  ${shown}  -`)).toBe(true);
  });

  test('says nothing under the table when every bucket was read and nothing is in progress', () => {
    // GIVEN
    const report = cleanReport();
    // WHEN
    const lines = renderTable(report).split('\n');
    // THEN
    expect(lines).toHaveLength(4);
    expect(lines[2].startsWith('TOTAL')).toBe(true);
    expect(lines[3]).toEqual('');
  });

  test('orphans kept on purpose are said under the table, with their size, as counted and never aborted', () => {
    // GIVEN: both orphans of the bucket kept, then one kept in a summary
    const kept = cleanReport({ keptOrphans: { uploads: 2, bytes: 300 * MIB } });
    const oneInSummary = { ...cleanReport({ keptOrphans: { uploads: 1, bytes: null } }), partsRead: false };
    // WHEN
    const table = renderTable(kept);
    const markdown = renderMarkdown(kept);
    // THEN
    const note = '2 orphaned uploads (300.0 MiB) are kept on purpose (see --exclude-prefix/--keep-initiator): counted above, never aborted.';
    expect(table.endsWith(`\n${note}\n`)).toBe(true);
    expect(markdown).toContain(note);
    expect(renderTable(oneInSummary)).toContain('\n1 orphaned upload is kept on purpose (see --exclude-prefix/--keep-initiator)');
    expect(renderTable(cleanReport())).not.toContain('kept on purpose');
  });

  test('one upload in progress is named in the singular, with the threshold', () => {
    // GIVEN
    const report = { ...cleanReport({ inProgress: { uploads: 1, bytes: 1 } }), olderThanSeconds: 90 * 60 };
    // WHEN
    const table = renderTable(report);
    // THEN
    expect(table.endsWith('\n1 upload younger than 90m is in progress and was not counted.\n')).toBe(true);
  });

  test('says how often S3 asked to slow down and how far the audit did', () => {
    // GIVEN
    const report = { ...cleanReport({}), throttling: { slowDowns: 3, lowestConcurrency: 1 } };
    // WHEN
    const table = renderTable(report);
    // THEN
    expect(table.endsWith('\nS3 asked to slow down 3 times; the audit went down to 1 request at once and retried them.\n')).toBe(true);
  });
});

describe('renderMarkdown', () => {
  test('a GitHub table with the human columns, then the notes', () => {
    // WHEN
    const markdown = renderMarkdown(REPORT);
    // THEN
    expect(markdown).toEqual([
      '| Bucket | Region | Verdict | Managed | Orphaned uploads | Parts | Size | Oldest | Est. USD/month | Error |',
      '| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
      '| alpha-logs | eu-west-1 | COMPLIANT | stack | 0 | 0 | 0 B | - | 0.00 | - |',
      '| beta-media | us-east-1 | MultipartUpload-MPU1 | - | 2 | 60 | 300.0 MiB | 10d | 0.01 | - |',
      '| gamma-private | ap-southeast-2 | UNKNOWN | ? | 1 | 3 | 1.5 KiB | 2d | 0.00 | lifecycle: AccessDenied (HTTP 403): Access Denied |',
      '| **TOTAL** |  |  |  | 2 | 60 | 300.0 MiB | 10d | 0.01 |  |',
      '',
      '1 of 3 buckets could not be read in full; totals cover the others.',
      '',
      '3 uploads younger than 24h are in progress and were not counted.',
      '',
      MANAGED_NOTE.replace(/[\\_*]/g, '\\$&'),
      '',
    ].join('\n'));
  });

  test('escapes pipes and keeps a multi-line error in its cell', () => {
    // GIVEN
    const report = withError('a|b\nc\\d');
    // WHEN
    const row = renderMarkdown(report).split('\n').find(line => line.startsWith('| gamma-private'));
    // THEN
    expect(row).toEqual('| gamma-private | ap-southeast-2 | UNKNOWN | ? | 1 | 3 | 1.5 KiB | 2d | 0.00 | a\\|b c\\\\d |');
    const unescapedPipes = (line: string) => (line.match(/(?<!\\)\|/g) ?? []).length;
    expect(unescapedPipes(row ?? '')).toEqual(11);
  });
  test('escapes markup so that an error shows as written', () => {
    // GIVEN
    const report = withError('<Error> *bad* _key_ `x` [y](z) ~~w~~');
    // WHEN
    const row = renderMarkdown(report).split('\n').find(line => line.startsWith('| gamma-private'));
    // THEN
    expect(row?.endsWith('| \\<Error> \\*bad\\* \\_key\\_ \\`x\\` \\[y](z) \\~\\~w\\~\\~ |')).toBe(true);
  });
});

describe('render', () => {
  const renderers: Array<[ReportFormat, (report: AuditReport) => string]> = [
    ['table', renderTable],
    ['json', renderJson],
    ['csv', renderCsv],
    ['markdown', renderMarkdown],
  ];

  test('knows exactly the four formats', () => {
    expect([...REPORT_FORMATS]).toEqual(['table', 'json', 'csv', 'markdown']);
  });

  test.each(renderers)('--format %s uses its renderer and ends with a newline', (format, renderer) => {
    // WHEN
    const text = render(REPORT, format);
    // THEN
    expect(text).toEqual(renderer(REPORT));
    expect(text.endsWith('\n')).toBe(true);
  });

  test.each(renderers)('--format %s names each broken rule by the catalogue\'s id, and breaksRule knows every one', (_format, renderer) => {
    for (const rule of RULES) {
      expect(breaksRule(rule.id)).toBe(true);
      expect(renderer(cleanReport({ verdict: rule.id }))).toContain(rule.id);
    }
    expect(breaksRule('COMPLIANT')).toBe(false);
    expect(breaksRule('UNKNOWN')).toBe(false);
  });

  test.each(REPORT_FORMATS)('--format %s leaves out why a stopped audit did not read a bucket: its error says it', format => {
    // GIVEN: the failed bucket as a stopped audit marks it
    const stopped: AuditReport = { ...REPORT, buckets: [COMPLIANT_BUCKET, ORPHANS_BUCKET, { ...FAILED_BUCKET, stopped: 'listing-stopped' }] };
    // THEN
    expect(render(stopped, format)).toBe(render(REPORT, format));
  });

  test('an unknown format is an error that lists the known ones', () => {
    expect(() => render(REPORT, 'yaml' as ReportFormat)).toThrow('format must be one of table, json, csv, markdown (got "yaml")');
  });
});

describe('a summary (--summary) report', () => {
  const SUMMARY: AuditReport = {
    ...REPORT,
    partsRead: false,
    totals: { ...REPORT.totals, parts: null, bytes: null, estimatedMonthlyCostUsd: null },
    buckets: REPORT.buckets.map(b => ({
      ...b, parts: null, bytes: null, estimatedMonthlyCostUsd: null, inProgress: { ...b.inProgress, bytes: null },
    })),
  };

  test('says so under the table and shows no sizes', () => {
    const table = renderTable(SUMMARY);
    expect(table).toMatch(/Summary \(--summary\): uploads counted and aged from ListMultipartUploads only; parts, sizes and costs were not read\./);
    expect(table).not.toMatch(/\d B\b|KiB|MiB/);
  });

  test('leaves the size fields of the CSV empty, not zero', () => {
    const rows = renderCsv(SUMMARY).trim().split('\n').slice(1);
    for (const row of rows) expect(row.split(',').slice(4, 6)).toEqual(['', '']);
  });

  test('writes null sizes in JSON', () => {
    expect(JSON.parse(renderJson(SUMMARY)).totals).toMatchObject({ parts: null, bytes: null, estimatedMonthlyCostUsd: null });
    expect(JSON.parse(renderJson(SUMMARY)).partsRead).toBe(false);
  });
});

describe('managedBy in each format', () => {
  const tagged = (name: string, value: string): BucketReport => ({ ...ORPHANS_BUCKET, name, managedBy: { kind: 'tag', key: 'owner', value } });
  const unread = (name: string): BucketReport => ({ ...ORPHANS_BUCKET, name, managedBy: { kind: 'unknown', error: 'tags: SlowDown (HTTP 503)' } });
  const report: AuditReport = { ...cleanReport(), buckets: [COMPLIANT_BUCKET, tagged('t1', 'terraform'), tagged('t2', 'a, "b"'), unread('u1'), unread('u2')] };

  test('the notes count each kind, in the plural', () => {
    const notes = reportNotes(report);
    expect(notes).toContain('Managed: 1 bucket by a CloudFormation stack (stack), 2 buckets by a tag given with --managed-tag (tag); '
      + '--fix-lifecycle leaves managed buckets to their source. --format json names the stack or tag (managedBy).');
    expect(notes).toContain('The tags of 2 buckets could not be read (?; --format json says why, most often a missing s3:GetBucketTagging): '
      + 'whether a stack manages them is unknown, and --fix-lifecycle leaves them alone unless --fix-managed.');
  });

  test('no note when no bucket read in full is managed or unknown', () => {
    expect(reportNotes(cleanReport()).some(note => /Managed|tags of/.test(note))).toBe(false);
    // The failed bucket's managedBy is unknown, but its error already says it was not read.
    expect(reportNotes({ ...REPORT, buckets: [ORPHANS_BUCKET, FAILED_BUCKET] }).some(note => /Managed|tags of/.test(note))).toBe(false);
  });

  test('CSV: the kind and the stack name, the tag as key=value (quoted as RFC 4180 asks), or why it is unknown', () => {
    const csv = renderCsv(report);
    expect(csv).toContain('\nalpha-logs,eu-west-1,COMPLIANT,0,0,0,,0,cloudformation,Logs,\n');
    expect(csv).toContain(',0.0067,tag,owner=terraform,\n');
    expect(csv).toContain(',0.0067,tag,"owner=a, ""b""",\n');
    expect(csv.match(/,0\.0067,unknown,tags: SlowDown \(HTTP 503\),\n/g)).toHaveLength(2);
  });

  test('JSON: the whole object, as the report holds it', () => {
    expect(JSON.parse(renderJson(report)).buckets.map((b: BucketReport) => b.managedBy)).toEqual(report.buckets.map(b => b.managedBy));
  });
});
