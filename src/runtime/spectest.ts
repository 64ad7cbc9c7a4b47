/**
 * The `spectest` module every official test script may import from (the reference interpreter's
 * host module, test/core/README "spectest"): print functions, four constant globals of value 666
 * (666.6 for floats), a funcref table of 10..20 elements and a memory of 1..2 pages.
 */

import { f32FromBits, f32ToBits, f64FromBits, f64ToBits } from '../exec/numerics.js';
import { funcref, type ValType } from '../syntax/types.js';
import { hostFunc, type RawValue } from './func.js';
import { GlobalInst } from './global.js';
import type { ExternVal } from './instance.js';
import { MemoryInst } from './memory.js';
import { TableInst } from './table.js';

/**
 * A fresh `spectest` module's exports. The print functions write one line per argument,
 * `value : type`, to `print` (by default they print nothing).
 */
export function spectest(print: (line: string) => void = () => {}): Map<string, ExternVal> {
  const exports = new Map<string, ExternVal>();
  const printer = (name: string, params: ValType[]): void => {
    const fn = hostFunc({ kind: 'func', params, results: [] }, (args) => {
      args.forEach((v, i) => print(`${show(params[i], v)} : ${params[i] as string}`));
      return [];
    }, name);
    exports.set(name, { kind: 'func', value: fn });
  };
  printer('print', []);
  printer('print_i32', ['i32']);
  printer('print_i64', ['i64']);
  printer('print_f32', ['f32']);
  printer('print_f64', ['f64']);
  printer('print_i32_f32', ['i32', 'f32']);
  printer('print_f64_f64', ['f64', 'f64']);
  const global = (name: string, type: ValType, value: RawValue): void => {
    exports.set(name, { kind: 'global', value: new GlobalInst({ type, mutable: false }, value) });
  };
  global('global_i32', 'i32', 666);
  global('global_i64', 'i64', 666n);
  global('global_f32', 'f32', f32ToBits(666.6));
  global('global_f64', 'f64', f64ToBits(666.6));
  exports.set('table', {
    kind: 'table', value: new TableInst({ limits: { min: 10, max: 20 }, addr: 'i32', elem: funcref }, null),
  });
  exports.set('memory', {
    kind: 'memory', value: new MemoryInst({ limits: { min: 1, max: 2 }, addr: 'i32', shared: false }),
  });
  return exports;
}

function show(type: ValType, v: RawValue): string {
  switch (type) {
    case 'f32': return String(f32FromBits(v as number));
    case 'f64': return String(f64FromBits(v as bigint));
    default: return String(v);
  }
}
