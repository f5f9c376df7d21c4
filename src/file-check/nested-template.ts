import { basename, isAbsolute, join } from 'node:path';
import { isRecord } from '../policy/fields';
import { TemplateResource } from '../policy/template-resources';

/**
 * The local template file a nested stack deploys, or undefined when it is not local: an
 * `AWS::CloudFormation::Stack` whose `TemplateURL` is a path (before `aws cloudformation
 * package` uploads it), an `AWS::Serverless::Application` whose `Location` is one, or, in a
 * cloud assembly, the file asset whose object key the `TemplateURL` names.
 */
export function localTemplateOf(resource: TemplateResource, directory: string, assetTemplates?: ReadonlyMap<string, string>): string | undefined {
  const properties = isRecord(resource.properties) ? resource.properties : {};
  const location = resource.type === 'AWS::CloudFormation::Stack' ? properties.TemplateURL
    : resource.type === 'AWS::Serverless::Application' ? properties.Location
      : undefined;
  if (location === undefined) {
    return undefined;
  }
  if (typeof location === 'string' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    return isAbsolute(location) ? location : join(directory, location);
  }
  if (assetTemplates && assetTemplates.size > 0) {
    const written = JSON.stringify(location);
    for (const [objectKey, file] of assetTemplates) {
      if (written.includes(objectKey)) return file;
    }
  }
  return undefined;
}

/**
 * The stack a nested template's results name: its construct path in a CDK app that names it,
 * else the parent's stack and the nested stack's logical id, else the parent file's name and it.
 */
export function nestedStackName(
  parent: { readonly file: string; readonly stack?: string }, logicalId: string, constructPath: string | undefined,
): string {
  if (constructPath !== undefined) return constructPath.slice(1);
  return parent.stack === undefined ? `${basename(parent.file)} ${logicalId}` : `${parent.stack}/${logicalId}`;
}
