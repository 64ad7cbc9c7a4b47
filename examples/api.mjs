// The JS API in a few lines: `node examples/api.mjs` (after `npm run build`). It works the same
// under `node --jitless`, where there is no WebAssembly global.
import { Instance, Module, encodeModule, parseWat } from 'vitrine';

const bytes = encodeModule(parseWat(`(module
  (import "env" "log" (func $log (param i64)))
  (func (export "square") (param i64) (result i64)
    (call $log (local.get 0))
    (i64.mul (local.get 0) (local.get 0))))`));

const module = new Module(bytes); // CompileError if malformed or invalid
const instance = new Instance(module, { env: { log: (x) => console.log('squaring', x) } });
console.log(instance.exports.square(3000000000n)); // i64 is a BigInt, as in the standard API
