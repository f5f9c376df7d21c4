import * as fc from 'fast-check';
import { checkPaths } from '../../src/file-check/check-paths';
import { judgeBucket } from '../../src/file-check/judge-template';
import { ExpansionLimitExceeded } from '../../src/policy/for-each';
import { TemplateResource, templateResources } from '../../src/policy/template-resources';
import { Verdict } from '../../src/policy/verdict';
import { memoryCheckFs } from '../_helpers/check-helpers';
import { assertAsyncProperty, assertProperty, expectCheckAnswered, expectOneLine, expectUnpolluted } from '../fixtures/hostile-input';
import { template } from '../fixtures/hostile-templates';

/**
 * The CloudFormation adapter, as mpu-check runs it on each template: Fn::ForEach expanded, each
 * resource judged as a bucket. Any Resources gives resources and verdicts, or the one documented
 * error, ExpansionLimitExceeded (more than CloudFormation takes); never another exception.
 */

const OPTIONS = { maxDays: 7, level: 'error' as const };

/** The resources of a template, or the documented error's message. */
function expanded(value: Record<string, unknown>): TemplateResource[] | string {
  try {
    return templateResources(value);
  } catch (error) {
    if (error instanceof ExpansionLimitExceeded) return error.message;
    throw error;
  }
}

describe('the CloudFormation adapter, on any Resources', () => {
  test('templateResources and judgeBucket: resources with verdicts, or ExpansionLimitExceeded', () => {
    assertProperty(fc.property(template, (value) => {
      const resources = expanded(value);
      if (typeof resources === 'string') {
        expectOneLine(resources, 400);
        return;
      }
      for (const resource of resources) {
        expect(typeof resource.logicalId).toBe('string');
        // Every resource is judged as a bucket, whatever its Type, to reach the evaluator with every shape of Properties.
        const judged = judgeBucket({ ...resource, type: 'AWS::S3::Bucket' }, { file: 't.json', line: 1, column: 1 }, OPTIONS);
        expect(Object.values(Verdict)).toContain(judged.verdict);
        expect(judged.message).not.toBe('');
      }
      expectUnpolluted();
    }), 2761, 2500);
  });

  test('the same templates as files through checkPaths: a result or an error line for each, never an exception', async () => {
    await assertAsyncProperty(fc.asyncProperty(template, fc.boolean(), async (value, indented) => {
      const text = JSON.stringify(value, null, indented ? 2 : undefined);
      expectCheckAnswered(await checkPaths(['t.json'], {}, memoryCheckFs({ 't.json': text })));
    }), 2762, 1000);
  });
});
