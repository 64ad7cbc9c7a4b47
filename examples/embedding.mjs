// Embedding Vitrine: limits and async host imports — `node examples/embedding.mjs` (after
// `npm run build`). The README's "Embedding" section walks through it.
import { readFile } from 'node:fs/promises';
import { Instance, Memory, Module, RuntimeError, callAsync, encodeModule, parseWat } from 'vitrine';

const compile = (wat) => new Module(encodeModule(parseWat(wat)));

// 1. Compile once (functions are translated lazily, on their first call), instantiate many times.
const module = compile(`(module
  (import "env" "memory" (memory 1))
  (import "env" "fetch" (func $fetch (param i32) (result i32)))   ;; may return a Promise
  (func (export "spin") (loop (br 0)))                             ;; a runaway guest
  (func $deep (export "deep") (call $deep))                        ;; runaway recursion
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "sumBytes") (result i32) (local $n i32) (local $i i32) (local $sum i32)
    (local.set $n (call $fetch (i32.const 0)))                      ;; suspends while it reads
    (block (loop
      (br_if 1 (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $sum (i32.add (local.get $sum) (i32.load8_u (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br 0)))
    (local.get $sum)))`);

// 2. Imports: a memory, and a host function that reads a file into it, asynchronously.
const memory = new Memory({ initial: 1, maximum: 100 });
const fetch = async (at) => {
  const bytes = await readFile(new URL(import.meta.url));
  const n = Math.min(bytes.length, 65536 - at);
  new Uint8Array(memory.buffer).set(bytes.subarray(0, n), at);
  return n;
};
const imports = { env: { memory, fetch } };

// 3. Limits stop runaway guests with a RuntimeError; the instance stays usable afterwards.
const limited = new Instance(module, imports, { fuel: 1_000_000, timeout: 1000, maxCallDepth: 1000 });
for (const name of ['spin', 'deep']) {
  try {
    limited.exports[name]();
  } catch (e) {
    console.log(`${name}: ${e instanceof RuntimeError ? 'RuntimeError' : 'other'}: ${e.message}`);
  }
}
const deadline = new Instance(module, imports, { timeout: 20 });
try { deadline.exports.spin(); } catch (e) { console.log(`spin: ${e.message}`); }

// A memory cap applies to memories the instance defines (this one imports its memory).
const capped = new Instance(compile(`(module (memory (export "mem") 1)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`), {}, { maxMemoryPages: 2 });
console.log(`grow by 1: ${capped.exports.grow(1)}, grow by 1 more: ${capped.exports.grow(1)}`);

// 4. Async imports: a synchronous call that meets a Promise is an error…
try { limited.exports.sumBytes(); } catch (e) { console.log(e.message.split(';')[0]); }
// …while callAsync (or an instance made with { async: true }) suspends until it settles.
const expected = [...(await readFile(new URL(import.meta.url)))].reduce((a, b) => a + b, 0);
const viaCallAsync = await callAsync(limited.exports.sumBytes);
const asyncInstance = new Instance(module, imports, { async: true });
const viaAsyncMode = await asyncInstance.exports.sumBytes();
console.log(`checksums agree: ${viaCallAsync === expected && viaAsyncMode === expected}`);
