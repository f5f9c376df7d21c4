import { writeFileSync } from 'node:fs';
import { runBuiltBin } from '../run-built-bin';
import { runPromptly } from '../run-promptly';
import { expectOneLine, PROMPTLY_MS, scratchDirectory, SECRET, SOME_KEYS } from '../untrusted-input';

const at = scratchDirectory('mpu-upload-url-credentials-');

describe('mpu-upload (the built bin) never prints the user and password of a URL', () => {
  const file = at('small.bin');
  writeFileSync(file, 'a small file');

  test('an --endpoint-url that cannot be reached: the start-up line shows ***@ for them', async () => {
    const run = await runPromptly('mpu-upload', [file, 's3://backups/file', '--endpoint-url', `http://uploader:${SECRET}@127.0.0.1:1`], SOME_KEYS, PROMPTLY_MS);
    expectOneLine('mpu-upload', run, 2, /^mpu-upload: --endpoint-url http:\/\/\*\*\*@127\.0\.0\.1:1 cannot be reached \(.*ECONNREFUSED.*\): check the URL/);
  });

  test('an --endpoint-url given twice: the usage line shows ***@ for them', () => {
    const run = runBuiltBin('mpu-upload', [file, 's3://backups/file', '--endpoint-url', `http://a:${SECRET}@h1`, '--endpoint-url', `b:${SECRET}@h2`]);
    expectOneLine('mpu-upload', run, 2, '--endpoint-url was given twice ("http://***@h1", then "***@h2"): give it once');
  });
});
