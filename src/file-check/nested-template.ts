import { isAbsolute, join } from 'node:path';
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
