import * as fc from 'fast-check';
import { checkPaths } from '../../../src/file-check/check-paths';
import { memoryCheckFs } from '../../_helpers/check-helpers';
import { assertAsyncProperty, expectCheckAnswered, hostileJson, hostileKey, mostlyShaped, objectOf, PROTOTYPE_KEYS } from '../../fixtures/hostile-input';

/**
 * A plan (`terraform show -json`) is JSON anyone can write: whatever its inner shapes, mpu-check
 * answers with a result for each bucket and an error line for what it cannot read, never an
 * exception.
 */

/** Any JSON, its keys those a plan has and those JavaScript gives a meaning. */
const anyValue = hostileJson({
  keys: hostileKey(['address', 'type', 'name', 'index', 'values', 'rule', 'lifecycle_rule', 'bucket', 'id', 'references', 'expressions',
    'filter', 'prefix', 'status', 'days_after_initiation', 'abort_incomplete_multipart_upload', ...PROTOTYPE_KEYS]),
  maxDepth: 4,
});

/** What `arbitrary` makes most often, else anything. */
const shaped = (arbitrary: fc.Arbitrary<unknown>) => mostlyShaped(arbitrary, anyValue);

/** One of the given values most often, else anything. */
const mostly = (...values: unknown[]) => shaped(fc.constantFrom(...values));

/** An object with the given fields, each left out now and then, and now and then one more of any name. */
const block = (fields: Record<string, fc.Arbitrary<unknown>>) => objectOf(fields, hostileKey(), anyValue);

const ADDRESSES = ['aws_s3_bucket.b', 'aws_s3_bucket.b[0]', 'aws_s3_bucket.b["k"]', 'aws_s3_bucket_lifecycle_configuration.r', 'aws_s3_bucket_lifecycle_configuration.r[0]',
  'module.m.aws_s3_bucket.b', 'module.m[0].aws_s3_bucket_lifecycle_configuration.r', 'module.m["k"].module.n.aws_s3_bucket.b', '__proto__', 'toString'];
const REFERENCES = ['aws_s3_bucket.b.id', 'aws_s3_bucket.b', 'aws_s3_bucket.b[0].id', 'aws_s3_bucket.b[0]', 'aws_s3_bucket.c.bucket', 'var.bucket', 'var.__proto__',
  'module.m.bucket_id', 'module.m[0].bucket_id', 'module.m', 'each.value', 'each.value.id', 'each.key', 'count.index', 'data.aws_s3_bucket.x.id', 'local.l',
  '__proto__', 'toString', 'constructor.prototype'];

const references = block({ references: fc.oneof(fc.array(mostly(...REFERENCES), { maxLength: 4 }), anyValue) });

/** Rule blocks as a plan plans them, with anything in their places. */
const rules = shaped(fc.array(block({
  id: mostly('abort', null, '${x}'),
  status: mostly('Enabled', 'Disabled'),
  prefix: mostly('', 'logs/', null),
  filter: shaped(fc.array(block({ prefix: mostly('', 'logs/'), tag: anyValue, object_size_greater_than: mostly(0, 1, '1') }), { maxLength: 2 })),
  abort_incomplete_multipart_upload: shaped(fc.array(block({ days_after_initiation: mostly(1, 7, 30, 0, null, '7') }), { maxLength: 2 })),
  enabled: mostly(true, false),
  abort_incomplete_multipart_upload_days: mostly(0, 1, 7, 30),
}), { maxLength: 3 }));

const plannedResource = block({
  address: mostly(...ADDRESSES),
  mode: mostly('managed', 'data'),
  type: mostly('aws_s3_bucket', 'aws_s3_bucket_lifecycle_configuration', 'aws_s3_directory_bucket', 'null_resource'),
  name: mostly('b', 'r', 'c', '__proto__'),
  index: mostly(0, 1, 'k', -1, 1e300, null),
  values: shaped(block({ bucket: mostly('b', 'c', '__proto__'), id: mostly('b', 'c'), rule: rules, lifecycle_rule: rules })),
});

/** after_unknown: true, or lists and objects of it where the values are. */
const afterUnknown = fc.letrec<{ unknown: unknown }>(tie => ({
  unknown: fc.oneof({ maxDepth: 4 }, fc.boolean(), anyValue, fc.array(tie('unknown'), { maxLength: 3 }),
    fc.dictionary(hostileKey(['rule', 'lifecycle_rule', 'bucket', 'id', 'filter', 'status', 'days_after_initiation', 'abort_incomplete_multipart_upload', '__proto__']),
      tie('unknown'), { maxKeys: 4, noNullPrototype: true })),
})).unknown;

const moduleConfiguration = fc.letrec<{ module: unknown }>(tie => ({
  module: fc.oneof({ maxDepth: 3 }, anyValue, block({
    resources: shaped(fc.array(block({
      type: mostly('aws_s3_bucket', 'aws_s3_bucket_lifecycle_configuration'),
      name: mostly('b', 'r', '__proto__'),
      mode: mostly('managed', 'data'),
      expressions: shaped(block({ bucket: references, rule: shaped(fc.array(fc.dictionary(hostileKey(['filter', 'prefix', 'status']), references))) })),
      for_each_expression: references,
    }), { maxLength: 3 })),
    module_calls: shaped(fc.dictionary(hostileKey(['m', 'n', '__proto__', 'toString']), block({
      expressions: fc.dictionary(hostileKey(['bucket', 'bucket_id', '__proto__']), references),
      module: tie('module'),
      for_each_expression: references,
    }), { maxKeys: 2, noNullPrototype: true })),
    outputs: shaped(fc.dictionary(hostileKey(['bucket_id', 'out', '__proto__']), block({ expression: references }),
      { noNullPrototype: true })),
  })),
})).module;

const plan = fc.record({
  format_version: mostly('1.2', 1, null),
  planned_values: shaped(block({
    root_module: shaped(block({
      resources: shaped(fc.array(plannedResource, { maxLength: 4 })),
      child_modules: shaped(fc.array(block({
        address: mostly('module.m', 'module.m[0]', 'module.m["k"]', 'module.m.module.n', '__proto__'),
        resources: fc.array(plannedResource, { maxLength: 3 }),
      }), { maxLength: 2 })),
    })),
  })),
  resource_changes: shaped(fc.array(block({
    address: mostly(...ADDRESSES),
    change: shaped(block({ after_unknown: afterUnknown })),
  }), { maxLength: 4 })),
  configuration: shaped(block({ root_module: moduleConfiguration })),
});

describe('mpu-check on any Terraform plan', () => {
  test('plans of any inner shape: a result or an error line for each, never an exception', async () => {
    await assertAsyncProperty(fc.asyncProperty(plan, async (json) => {
      expectCheckAnswered(await checkPaths(['plan.json'], {}, memoryCheckFs({ 'plan.json': JSON.stringify(json) })));
    }), 2741, 800);
  });
});
