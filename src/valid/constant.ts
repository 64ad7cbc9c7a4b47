/**
 * Constant expressions — spec §3.3.10 (Validation › Instructions › Constant Expressions).
 *
 * An initializer (global, element item, segment offset, 3.0 table initializer) must consist of
 * constant instructions only — checked first, instruction by instruction, as the suite expects
 * "constant expression required" even where the expression is also ill-typed — and then be valid
 * with the expected result type, which the ordinary instruction validator checks.
 */

import type { Expr } from '../syntax/module.js';
import { Op } from '../syntax/opcodes.js';
import type { ValType } from '../syntax/types.js';
import { invalid, unknown } from './context.js';
import type { Context } from './context.js';
import type { FuncValidator } from './instructions.js';

/** Extended constant expressions (3.0): integer add, sub and mul. */
const extendedConstOps: ReadonlySet<number> = new Set([
  Op.i32_add, Op.i32_sub, Op.i32_mul, Op.i64_add, Op.i64_sub, Op.i64_mul,
]);

/**
 * Validates `expr` as a constant expression of type `expected`. Only globals `0 … visibleGlobals-1`
 * may be read: in 2.0 the imported ones; in 3.0 (gc), every global defined before this one.
 */
export function validateConstExpr(
  expr: Expr, expected: ValType, ctx: Context, visibleGlobals: number, validator: FuncValidator,
): void {
  for (const ins of expr) {
    switch (ins.op) {
      case Op.i32_const: case Op.i64_const: case Op.f32_const: case Op.f64_const: case Op.v128_const:
      case Op.ref_null: case Op.ref_func:
        continue;
      case Op.global_get: {
        const x = ins.idx ?? -1;
        const gt = x >= 0 && x < visibleGlobals ? ctx.globals[x] : undefined;
        if (gt === undefined) throw unknown('global', x);
        if (gt.mutable) throw invalid('constant expression required: global.get of a mutable global');
        continue;
      }
      default:
        if (ctx.features.extendedConst && extendedConstOps.has(ins.op)) continue;
        throw invalid('constant expression required');
    }
  }
  validator.validateExpr(expr, [expected]);
}
