/**
 * Every import of mpu-check's HCL parser, from one module: the build replaces the compiled
 * `lib/file-check/terraform/hcl-parser.js` with an esbuild bundle of this file (the parser is
 * HashiCorp's own HCL library compiled to WebAssembly, loaded from `lib/file-check/main.wasm.gz`),
 * so `mpu-check` needs nothing installed beside the package. Loading it starts the
 * WebAssembly runtime: import it only when there is HCL to read.
 */
export { parse, getExpressionAst } from '@cdktf/hcl2json';
