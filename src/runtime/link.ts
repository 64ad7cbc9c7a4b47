/**
 * Linking and instantiation — spec §3.2.8 (Import Subtyping), §4.5.3.10 (allocating a module)
 * and §4.5.4 (Instantiation).
 */

import { LinkError, RuntimeError, trap, TrapCode } from '../errors.js';
import type { Expr, Import, Module } from '../syntax/module.js';
import { Op, opName } from '../syntax/opcodes.js';
import type { Limits, MemType } from '../syntax/types.js';
import { canonicalIdMatches, valTypeEquivAcross, valTypeMatchesAcross } from '../valid/types.js';
import { DEFAULT_MAX_CALL_DEPTH, invoke } from '../exec/interpreter.js';
import { funcTypeAt, unsupported } from '../exec/translate.js';
import { canonicalTypeIds } from './canon.js';
import { FuncInst, type RawValue } from './func.js';
import { GlobalInst } from './global.js';
import { Instance, type ExternVal, type ModuleInstance } from './instance.js';
import { MemoryInst, PAGE_SIZE } from './memory.js';
import { TableInst } from './table.js';
import { TagInst } from './tag.js';

/** Options of an instance. */
export interface RuntimeOptions {
  /** Maximum depth of nested calls (default DEFAULT_MAX_CALL_DEPTH; RATIONALE "Implementation limits"). */
  maxCallDepth?: number;
  /**
   * Fuel of each call from the host into this instance, in fuel units (README "Limits"): a call
   * that would use more traps "fuel exhausted". Makes the instance's code metered.
   */
  fuel?: number;
  /**
   * Wall-clock milliseconds each call from the host may take (including time suspended, for an
   * async call): beyond, it traps "deadline exceeded". Makes the instance's code metered.
   */
  timeoutMs?: number;
  /**
   * Cap on the pages of each memory the instance defines: `memory.grow` beyond it returns -1
   * (the memory's type gets this maximum); a memory whose minimum exceeds it fails instantiation.
   */
  maxMemoryPages?: number;
}

/** Supplies the external value for an import, or undefined if there is none. */
export type ImportResolver = (imp: Import) => ExternVal | undefined;

/**
 * spec §4.5.4 instantiate. `module` must be valid. Imports: LinkError "unknown import" /
 * "incompatible import type". Then allocation, then active element and data segments in order
 * (a trap part-way keeps the earlier writes), then the start function. Traps are RuntimeErrors.
 */
export function instantiate(module: Module, resolve: ImportResolver, options: RuntimeOptions = {}): ModuleInstance {
  const inst = allocateInstance(module, resolve, options);
  initializeInstance(inst);
  return inst;
}

/**
 * spec §4.5.4 steps 1–13: links the imports and allocates the instance (§4.5.3.10), without
 * running segments or the start function — what a snapshot restores instead (src/snapshot/).
 */
export function allocateInstance(module: Module, resolve: ImportResolver, options: RuntimeOptions = {}): Instance {
  const inst = new Instance(module, options.maxCallDepth ?? DEFAULT_MAX_CALL_DEPTH);
  if (options.fuel !== undefined || options.timeoutMs !== undefined) {
    inst.fuel = options.fuel ?? Infinity;
    inst.timeoutMs = options.timeoutMs ?? Infinity;
    inst.metered = true;
  }
  const typeIds = canonicalTypeIds(module);

  // Steps 3–4: resolve and match the imports.
  for (const imp of module.imports) {
    const v = resolve(imp);
    if (v === undefined) throw new LinkError(`unknown import "${imp.module}" "${imp.name}"`);
    if (!importMatches(typeIds, imp, v)) {
      throw new LinkError(`incompatible import type for "${imp.module}" "${imp.name}"`);
    }
    switch (v.kind) {
      case 'func': inst.funcs.push(v.value); break;
      case 'table': inst.tables.push(v.value); break;
      case 'memory': inst.mems.push(v.value); break;
      case 'global': inst.globals.push(v.value); break;
      case 'tag': inst.tags.push(v.value); break;
    }
  }

  // §4.5.3.10 allocmodule. Functions first: constant expressions may take their references.
  module.funcs.forEach((f, i) => {
    inst.funcs.push(new FuncInst(funcTypeAt(module, f.typeIdx), typeIds[f.typeIdx], inst, i, null));
  });
  for (const g of module.globals) inst.globals.push(new GlobalInst(g.type, evalConst(inst, g.init), typeIds));
  for (const t of module.tables) {
    inst.tables.push(new TableInst(t.type, t.init === undefined ? null : evalConst(inst, t.init), typeIds));
  }
  for (const mt of module.mems) inst.mems.push(new MemoryInst(cappedMemType(mt, options.maxMemoryPages)));
  if (inst.mems.length > 0) inst.mem0 = inst.mems[0];
  for (const tag of module.tags) inst.tags.push(new TagInst(funcTypeAt(module, tag.typeIdx), typeIds[tag.typeIdx]));
  for (const e of module.elems) inst.elems.push(e.init.map((expr) => evalConst(inst, expr)));
  for (const d of module.datas) inst.datas.push(d.bytes);
  for (const ex of module.exports) inst.exports.set(ex.name, exportOf(inst, ex.kind, ex.idx));
  return inst;
}

/** spec §4.5.4 steps 14–17: active segments, then the start function. */
function initializeInstance(inst: Instance): void {
  const module = inst.module;

  // Steps 14–15: active element segments run `table.init` then `elem.drop`; declarative ones drop.
  module.elems.forEach((e, i) => {
    if (e.mode === 'active') {
      const table = inst.tables[e.table ?? 0];
      const refs = inst.elems[i];
      const offset = address(evalConst(inst, e.offset!));
      if (offset + refs.length > table.size) throw trap(TrapCode.TableOutOfBounds);
      for (let k = 0; k < refs.length; k++) table.elements[offset + k] = refs[k];
    }
    if (e.mode !== 'passive') inst.elems[i] = [];
  });

  // Step 16: active data segments run `memory.init` then `data.drop`.
  module.datas.forEach((d, i) => {
    if (d.mode !== 'active') return;
    const mem = inst.mems[d.mem ?? 0];
    const offset = address(evalConst(inst, d.offset!));
    if (offset + d.bytes.length > mem.view.byteLength) throw trap(TrapCode.MemoryOutOfBounds);
    new Uint8Array(mem.view.buffer).set(d.bytes, offset);
    mem.markDirty(offset, d.bytes.length);
    inst.datas[i] = new Uint8Array(0);
  });

  // Step 17: the start function.
  if (module.start !== undefined) invoke(inst.funcs[module.start], []);
}

/** `type` with its maximum lowered to `cap` pages (RuntimeOptions.maxMemoryPages). */
function cappedMemType(type: MemType, cap: number | undefined): MemType {
  if (cap === undefined) return type;
  if (type.limits.min > cap) {
    throw new RuntimeError(`a memory of ${type.limits.min} pages exceeds the instance's limit of ${cap} pages`);
  }
  const max = Math.min(type.limits.max ?? cap, cap);
  return { ...type, limits: { min: type.limits.min, max } };
}

/** An address operand: i32 (as u32) or i64 (as u64; beyond 2^53 only ever out of bounds). */
function address(v: RawValue): number {
  return typeof v === 'bigint' ? Number(BigInt.asUintN(64, v)) : (v as number) >>> 0;
}

function exportOf(inst: Instance, kind: string, idx: number): ExternVal {
  switch (kind) {
    case 'func': return { kind, value: inst.funcs[idx] };
    case 'table': return { kind, value: inst.tables[idx] };
    case 'memory': return { kind, value: inst.mems[idx] };
    case 'global': return { kind, value: inst.globals[idx] };
    default: return { kind: 'tag', value: inst.tags[idx] };
  }
}

/**
 * spec §4.4.11 evaluation of a constant expression (§3.3.10), in the instance being built: the
 * value, raw. Covers the 2.0 constant instructions plus 3.0 extended constants.
 */
function evalConst(inst: Instance, expr: Expr): RawValue {
  const stack: RawValue[] = [];
  for (const ins of expr) {
    switch (ins.op) {
      case Op.i32_const: case Op.f32_const: case Op.i64_const: case Op.f64_const:
        stack.push(ins.value!);
        break;
      case Op.v128_const: stack.push(ins.bytes!.slice()); break;
      case Op.ref_null: stack.push(null); break;
      case Op.ref_func: stack.push(inst.funcs[ins.idx!]); break;
      case Op.global_get: stack.push(inst.globals[ins.idx!].value); break;
      case Op.i32_add: case Op.i32_sub: case Op.i32_mul: {
        const b = stack.pop() as number, a = stack.pop() as number;
        stack.push(ins.op === Op.i32_add ? (a + b) | 0 : ins.op === Op.i32_sub ? (a - b) | 0 : Math.imul(a, b));
        break;
      }
      case Op.i64_add: case Op.i64_sub: case Op.i64_mul: {
        const b = stack.pop() as bigint, a = stack.pop() as bigint;
        stack.push(BigInt.asIntN(64, ins.op === Op.i64_add ? a + b : ins.op === Op.i64_sub ? a - b : a * b));
        break;
      }
      default:
        throw unsupported(`${opName(ins.op)} in a constant expression`);
    }
  }
  return stack[0];
}

/** spec §3.2.8 limits matching: at least the minimum, and a maximum no larger than required. */
function limitsMatch(actual: Limits, required: Limits): boolean {
  if (actual.min < required.min) return false;
  if (required.max === undefined) return true;
  return actual.max !== undefined && actual.max <= required.max;
}

/** spec §3.2.8: does external value `v` (its current type, §4.5.1) match the import's type? */
function importMatches(typeIds: Int32Array, imp: Import, v: ExternVal): boolean {
  const d = imp.desc;
  switch (d.kind) {
    case 'func':
      // A function's type matches when it is the import's or declares it as a supertype.
      return v.kind === 'func' && canonicalIdMatches(v.value.typeId, typeIds[d.typeIdx]);
    case 'table': {
      // Tables are read and written, so their element types must be equivalent.
      if (v.kind !== 'table') return false;
      const t = v.value.type;
      return t.addr === d.type.addr && valTypeEquivAcross(t.elem, v.value.canon, d.type.elem, typeIds)
        && limitsMatch({ min: v.value.size, max: t.limits.max }, d.type.limits);
    }
    case 'memory': {
      if (v.kind !== 'memory') return false;
      const t = v.value.type;
      return t.addr === d.type.addr && t.shared === d.type.shared
        && limitsMatch({ min: v.value.view.byteLength / PAGE_SIZE, max: t.limits.max }, d.type.limits);
    }
    case 'global': {
      // An immutable global's type may be a subtype of the import's; a mutable one's is written
      // through both, so it must be equivalent.
      if (v.kind !== 'global' || v.value.type.mutable !== d.type.mutable) return false;
      const { type } = v.value.type, canon = v.value.canon;
      return d.type.mutable ? valTypeEquivAcross(type, canon, d.type.type, typeIds)
        : valTypeMatchesAcross(type, canon, d.type.type, typeIds);
    }
    case 'tag':
      return v.kind === 'tag' && v.value.typeId === typeIds[d.type.typeIdx];
  }
}
