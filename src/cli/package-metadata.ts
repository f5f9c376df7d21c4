import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the commands say of the package they come with. */
export interface PackageMetadata {
  readonly name: string;
  readonly version: string;
}

let metadata: PackageMetadata | undefined;

/** The package.json two folders above this file (src/cli/ and lib/cli/ alike), read once. */
export function packageMetadata(): PackageMetadata {
  if (metadata === undefined) {
    const { name, version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as PackageMetadata;
    metadata = { name, version };
  }
  return metadata;
}
