/*
 * interp — branchy code: a small stack-based bytecode interpreter (a switch in a loop, which
 * becomes a br_table) running three guest programs: Collatz chain lengths, recursive Fibonacci
 * with CALL/RET, and a sieve in the guest's own memory. Stresses indirect branches through a
 * jump table, unpredictable control flow and small loads/stores to the guest stack.
 */
#include "bench.h"

#ifndef INTERP_COLLATZ
#define INTERP_COLLATZ 5000 /* Collatz chain lengths for 1 .. INTERP_COLLATZ-1 */
#endif
#ifndef INTERP_FIB
#define INTERP_FIB 22 /* guest fib(INTERP_FIB) */
#endif
#ifndef INTERP_SIEVE
#define INTERP_SIEVE 50000 /* guest sieve limit */
#endif

enum {
  HALT, PUSH, LOAD, STORE, INC, ADD, SUB, MUL, AND, SHR, LT, EQ,
  JMP, JZ, JNZ, DUP, SWAP, DROP, CALL, RET, MLOAD, MSTORE,
};

#define MAX_CODE 256
#define MAX_LABELS 16
#define GUEST_MEM 65536

typedef struct {
  int32_t code[MAX_CODE];
  int32_t n;
  int32_t label[MAX_LABELS];
  int32_t fix_at[MAX_LABELS * 4], fix_label[MAX_LABELS * 4], nfix;
} Asm;

static void op(Asm *a, int32_t o) { a->code[a->n++] = o; }
static void op1(Asm *a, int32_t o, int32_t x) { a->code[a->n++] = o; a->code[a->n++] = x; }
static void jump(Asm *a, int32_t o, int32_t l) {
  a->code[a->n++] = o;
  a->fix_at[a->nfix] = a->n;
  a->fix_label[a->nfix++] = l;
  a->code[a->n++] = -1;
}
static void label(Asm *a, int32_t l) { a->label[l] = a->n; }
static void link(Asm *a) {
  for (int32_t i = 0; i < a->nfix; i++) a->code[a->fix_at[i]] = a->label[a->fix_label[i]];
}

static int32_t stack[4096];
static int32_t rstack[1024];
static int32_t locals[16];
static uint8_t gmem[GUEST_MEM];

static NOINLINE int32_t execute(const int32_t *code, int32_t pc) {
  int32_t sp = 0, rsp = 0;
  for (;;) {
    switch (code[pc++]) {
      case HALT: return stack[sp - 1];
      case PUSH: stack[sp++] = code[pc++]; break;
      case LOAD: stack[sp++] = locals[code[pc++]]; break;
      case STORE: locals[code[pc++]] = stack[--sp]; break;
      case INC: locals[code[pc++]]++; break;
      case ADD: sp--; stack[sp - 1] += stack[sp]; break;
      case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
      case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
      case AND: sp--; stack[sp - 1] &= stack[sp]; break;
      case SHR: sp--; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] >> stack[sp]); break;
      case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
      case EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
      case JMP: pc = code[pc]; break;
      case JZ: pc = stack[--sp] == 0 ? code[pc] : pc + 1; break;
      case JNZ: pc = stack[--sp] != 0 ? code[pc] : pc + 1; break;
      case DUP: stack[sp] = stack[sp - 1]; sp++; break;
      case SWAP: { int32_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
      case DROP: sp--; break;
      case CALL: rstack[rsp++] = pc + 1; pc = code[pc]; break;
      case RET: pc = rstack[--rsp]; break;
      case MLOAD: stack[sp - 1] = gmem[(uint32_t)stack[sp - 1] % GUEST_MEM]; break;
      case MSTORE: sp -= 2; gmem[(uint32_t)stack[sp] % GUEST_MEM] = (uint8_t)stack[sp + 1]; break;
      default: return -1;
    }
  }
}

/* locals: 0 = i, 1 = n, 2 = total steps, 3 = limit */
static void asm_collatz(Asm *a) {
  enum { LOOP_I, LOOP_N, EVEN, COUNT, NEXT_I, END };
  op1(a, PUSH, 1); op1(a, STORE, 0);
  label(a, LOOP_I);
  op1(a, LOAD, 0); op1(a, LOAD, 3); op(a, LT); jump(a, JZ, END);
  op1(a, LOAD, 0); op1(a, STORE, 1);
  label(a, LOOP_N);
  op1(a, LOAD, 1); op1(a, PUSH, 1); op(a, EQ); jump(a, JNZ, NEXT_I);
  op1(a, LOAD, 1); op1(a, PUSH, 1); op(a, AND); jump(a, JZ, EVEN);
  op1(a, LOAD, 1); op1(a, PUSH, 3); op(a, MUL); op1(a, PUSH, 1); op(a, ADD); op1(a, STORE, 1);
  jump(a, JMP, COUNT);
  label(a, EVEN);
  op1(a, LOAD, 1); op1(a, PUSH, 1); op(a, SHR); op1(a, STORE, 1);
  label(a, COUNT);
  op1(a, INC, 2); jump(a, JMP, LOOP_N);
  label(a, NEXT_I);
  op1(a, INC, 0); jump(a, JMP, LOOP_I);
  label(a, END);
  op1(a, LOAD, 2); op(a, HALT);
  link(a);
}

/* main: push n, call fib, halt. fib: n -> fib(n) on the stack. */
static void asm_fib(Asm *a, int32_t n) {
  enum { FIB, RETURN };
  op1(a, PUSH, n); jump(a, CALL, FIB); op(a, HALT);
  label(a, FIB);
  op(a, DUP); op1(a, PUSH, 2); op(a, LT); jump(a, JNZ, RETURN);
  op(a, DUP); op1(a, PUSH, 1); op(a, SUB); jump(a, CALL, FIB);
  op(a, SWAP); op1(a, PUSH, 2); op(a, SUB); jump(a, CALL, FIB);
  op(a, ADD);
  label(a, RETURN);
  op(a, RET);
  link(a);
}

/* locals: 0 = i, 1 = j, 2 = count, 3 = limit; guest memory[k] = 1 marks k composite. */
static void asm_sieve(Asm *a) {
  enum { CLEAR, SCAN, INNER, NEXT, END };
  op1(a, PUSH, 0); op1(a, STORE, 0);
  label(a, CLEAR); /* for i in 0..limit: mem[i] = 0 */
  op1(a, LOAD, 0); op1(a, PUSH, 0); op(a, MSTORE);
  op1(a, INC, 0); op1(a, LOAD, 0); op1(a, LOAD, 3); op(a, LT); jump(a, JNZ, CLEAR);
  op1(a, PUSH, 2); op1(a, STORE, 0);
  label(a, SCAN);
  op1(a, LOAD, 0); op1(a, LOAD, 3); op(a, LT); jump(a, JZ, END);
  op1(a, LOAD, 0); op(a, MLOAD); jump(a, JNZ, NEXT);
  op1(a, INC, 2);
  op1(a, LOAD, 0); op(a, DUP); op(a, MUL); op1(a, STORE, 1);
  label(a, INNER);
  op1(a, LOAD, 1); op1(a, LOAD, 3); op(a, LT); jump(a, JZ, NEXT);
  op1(a, LOAD, 1); op1(a, PUSH, 1); op(a, MSTORE);
  op1(a, LOAD, 1); op1(a, LOAD, 0); op(a, ADD); op1(a, STORE, 1);
  jump(a, JMP, INNER);
  label(a, NEXT);
  op1(a, INC, 0); jump(a, JMP, SCAN);
  label(a, END);
  op1(a, LOAD, 2); op(a, HALT);
  link(a);
}

static Asm prog;
static volatile int32_t params[3] = {INTERP_COLLATZ, INTERP_FIB, INTERP_SIEVE};

uint32_t run(void) {
  uint32_t h = 2166136261u;

  prog.n = prog.nfix = 0;
  asm_collatz(&prog);
  for (int i = 0; i < 16; i++) locals[i] = 0;
  locals[3] = params[0];
  h = fold32(h, (uint32_t)execute(prog.code, 0));

  prog.n = prog.nfix = 0;
  asm_fib(&prog, params[1]);
  h = fold32(h, (uint32_t)execute(prog.code, 0));

  prog.n = prog.nfix = 0;
  asm_sieve(&prog);
  for (int i = 0; i < 16; i++) locals[i] = 0;
  locals[3] = params[2];
  h = fold32(h, (uint32_t)execute(prog.code, 0));
  return h;
}

BENCH_MAIN_U32
