/**
 * Every import of mpu-check's parsers, from one module: the build replaces the compiled
 * `lib/file-check/parsers.js` with an esbuild bundle of this file, so `mpu-check` needs nothing
 * installed beside the package (as src/s3/aws-sdk.ts does for the AWS SDK).
 */
export { Composer, CST as YamlCst, isAlias, isMap, isScalar, isSeq, Lexer, LineCounter, Parser, visit as visitYaml, YAMLMap, YAMLParseError, YAMLSeq } from 'yaml';
export type { Alias, Document, Node as YamlNode, Scalar } from 'yaml';
export { printParseErrorCode, visit as visitJson } from 'jsonc-parser';
export type { JSONVisitor } from 'jsonc-parser';
