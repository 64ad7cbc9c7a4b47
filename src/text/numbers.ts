/**
 * Number literals — spec §6.3.1 (Text › Values › Integers) and §6.3.2 (Floating-Point).
 *
 * The lexer uses `classifyNumber` to tell number tokens from keywords and reserved tokens; the
 * parsers convert a token's text with the functions below once they know the expected type.
 * Converters return `undefined` when the literal is out of range for that type; the caller turns
 * that into a positioned "constant out of range" error.
 *
 * Floats are rounded exactly: the literal's value is kept as a fraction of two BigInts and rounded
 * once, to nearest with ties to even, directly into the target format (see RATIONALE, "Text
 * format"). Going through a JS double first would round twice and get f32 halfway cases wrong.
 */

const DEC = String.raw`\d(?:_?\d)*`;
const HEX = String.raw`[0-9a-fA-F](?:_?[0-9a-fA-F])*`;

const natRe = new RegExp(`^(?:${DEC}|0x${HEX})$`);
const intRe = new RegExp(`^[+-](?:${DEC}|0x${HEX})$`);
const floatRe = new RegExp(
  `^[+-]?(?:${DEC}(?:\\.(?:${DEC})?)?(?:[eE][+-]?${DEC})?` +
  `|0x${HEX}(?:\\.(?:${HEX})?)?(?:[pP][+-]?${DEC})?` +
  `|inf|nan|nan:0x${HEX})$`,
);

export type NumberClass = 'nat' | 'int' | 'float';

/**
 * Which number token (if any) `text` is: `nat` (unsigned integer), `int` (signed integer, with an
 * explicit sign) or `float` (anything else matching fN, including `inf`, `nan`, `nan:0x…`).
 * Integers are also valid float literals; the parser accepts them wherever a float is expected.
 */
export function classifyNumber(text: string): NumberClass | undefined {
  if (natRe.test(text)) return 'nat';
  if (intRe.test(text)) return 'int';
  if (floatRe.test(text)) return 'float';
  return undefined;
}

function stripSign(text: string): { neg: boolean; body: string } {
  if (text[0] === '-') return { neg: true, body: text.slice(1) };
  if (text[0] === '+') return { neg: false, body: text.slice(1) };
  return { neg: false, body: text };
}

/** Magnitude of an integer literal body (no sign), decimal or `0x` hexadecimal. */
function magnitude(body: string): bigint {
  return BigInt(body.replace(/_/g, ''));
}

/**
 * An integer literal as an N-bit value (spec §6.3.1 iN): unsigned forms must be below 2^N,
 * negative forms at least -2^(N-1). Returns the value reinterpreted as signed, or `undefined`
 * when out of range or not an integer literal.
 */
export function parseIntN(text: string, bits: number): bigint | undefined {
  const cls = classifyNumber(text);
  if (cls !== 'nat' && cls !== 'int') return undefined;
  const { neg, body } = stripSign(text);
  const m = magnitude(body);
  if (neg) {
    if (m > 1n << BigInt(bits - 1)) return undefined;
    return BigInt.asIntN(bits, -m);
  }
  if (m >= 1n << BigInt(bits)) return undefined;
  return BigInt.asIntN(bits, m);
}

/** i32 literal → signed int32 number, or `undefined` if out of range. */
export function parseI32(text: string): number | undefined {
  const v = parseIntN(text, 32);
  return v === undefined ? undefined : Number(v);
}

/** i64 literal → signed 64-bit bigint, or `undefined` if out of range. */
export function parseI64(text: string): bigint | undefined {
  return parseIntN(text, 64);
}

/** Unsigned literal (uN, no sign allowed) below 2^bits (unbounded if `bits` is absent), or `undefined`. */
export function parseUnsigned(text: string, bits?: number): bigint | undefined {
  if (classifyNumber(text) !== 'nat') return undefined;
  const m = magnitude(text);
  return bits === undefined || m < 1n << BigInt(bits) ? m : undefined;
}

// ---------------------------------------------------------------------------------------------
// Floating point

interface FloatFormat {
  /** Explicit mantissa bits (23 / 52). */
  readonly mant: number;
  /** Exponent bias (127 / 1023); the largest unbiased exponent equals the bias. */
  readonly bias: number;
  /** Exponent field width in bits (8 / 11). */
  readonly expBits: number;
}

const F32: FloatFormat = { mant: 23, bias: 127, expBits: 8 };
const F64: FloatFormat = { mant: 52, bias: 1023, expBits: 11 };

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * Round the positive rational `num / den` to the nearest value of `fmt` (ties to even) and return
 * its bit pattern without sign, or `undefined` if it rounds to infinity.
 */
function roundToFormat(num: bigint, den: bigint, fmt: FloatFormat): bigint | undefined {
  if (num === 0n) return 0n;
  // Binary exponent e with 2^e <= num/den < 2^(e+1).
  let e = bitLength(num) - bitLength(den);
  if (e >= 0 ? num < den << BigInt(e) : num << BigInt(-e) < den) e--;
  const emin = 1 - fmt.bias;
  // Exponent of the unit in the last place: fixed at the subnormal quantum below emin.
  let q = Math.max(e, emin) - fmt.mant;
  let n = num;
  let d = den;
  if (q >= 0) d <<= BigInt(q);
  else n <<= BigInt(-q);
  let i = n / d;
  const twiceRem = (n % d) * 2n;
  if (twiceRem > d || (twiceRem === d && (i & 1n) === 1n)) i++;
  // Rounding up may carry into a new binade.
  if (i === 1n << BigInt(fmt.mant + 1)) {
    i >>= 1n;
    q++;
  }
  const hidden = 1n << BigInt(fmt.mant);
  if (i < hidden) return i; // subnormal (or zero after rounding): exponent field 0
  const exp = q + fmt.mant; // unbiased exponent of the result
  if (exp > fmt.bias) return undefined;
  return (BigInt(exp + fmt.bias) << BigInt(fmt.mant)) | (i - hidden);
}

/**
 * Exact value of a decimal or hexadecimal float literal body (no sign, not inf/nan) as a fraction,
 * or `'inf'` / `'zero'` when the exponent is so extreme that the result is certain to overflow or
 * underflow every supported format (this keeps BigInt sizes bounded for inputs like `1e999999`).
 */
function exactValue(body: string): { num: bigint; den: bigint } | 'inf' | 'zero' {
  const s = body.replace(/_/g, '');
  const hex = s.startsWith('0x');
  const digits = hex ? s.slice(2) : s;
  const expAt = digits.search(hex ? /[pP]/ : /[eE]/);
  const mantText = expAt < 0 ? digits : digits.slice(0, expAt);
  const exp = expAt < 0 ? 0 : Number(digits.slice(expAt + 1));
  const dot = mantText.indexOf('.');
  const intPart = dot < 0 ? mantText : mantText.slice(0, dot);
  const fracPart = dot < 0 ? '' : mantText.slice(dot + 1);
  const all = (intPart + fracPart).replace(/^0+/, '');
  if (all === '') return { num: 0n, den: 1n };
  if (!Number.isFinite(exp)) return exp > 0 ? 'inf' : 'zero';
  const m = BigInt((hex ? '0x' : '') + all);
  if (hex) {
    // value = m * 2^(exp - 4 * fracDigits)
    const e2 = exp - 4 * fracPart.length;
    const magnitude2 = bitLength(m) + e2;
    if (magnitude2 > 2000) return 'inf';
    if (magnitude2 < -2000) return 'zero';
    return e2 >= 0 ? { num: m << BigInt(e2), den: 1n } : { num: m, den: 1n << BigInt(-e2) };
  }
  // value = m * 10^(exp - fracDigits)
  const e10 = exp - fracPart.length;
  const magnitude10 = all.length + e10;
  if (magnitude10 > 400) return 'inf';
  if (magnitude10 < -400) return 'zero';
  return e10 >= 0 ? { num: m * 10n ** BigInt(e10), den: 1n } : { num: m, den: 10n ** BigInt(-e10) };
}

/** Bits of a float literal in `fmt`, or `undefined` when out of range (spec §6.3.2 fN). */
function parseFloatBits(text: string, fmt: FloatFormat): bigint | undefined {
  if (classifyNumber(text) === undefined) return undefined;
  const { neg, body } = stripSign(text);
  const sign = neg ? 1n << BigInt(fmt.mant + fmt.expBits) : 0n;
  const expAllOnes = ((1n << BigInt(fmt.expBits)) - 1n) << BigInt(fmt.mant);
  if (body === 'inf') return sign | expAllOnes;
  if (body === 'nan') return sign | expAllOnes | (1n << BigInt(fmt.mant - 1));
  if (body.startsWith('nan:0x')) {
    const payload = magnitude(body.slice(4));
    if (payload < 1n || payload >= 1n << BigInt(fmt.mant)) return undefined;
    return sign | expAllOnes | payload;
  }
  const v = exactValue(body);
  if (v === 'inf') return undefined;
  if (v === 'zero') return sign;
  const bits = roundToFormat(v.num, v.den, fmt);
  return bits === undefined ? undefined : sign | bits;
}

/** f32 literal → raw bits as an int32 number, or `undefined` if out of range. */
export function parseF32(text: string): number | undefined {
  const bits = parseFloatBits(text, F32);
  return bits === undefined ? undefined : Number(BigInt.asIntN(32, bits));
}

/** f64 literal → raw bits as a signed 64-bit bigint, or `undefined` if out of range. */
export function parseF64(text: string): bigint | undefined {
  const bits = parseFloatBits(text, F64);
  return bits === undefined ? undefined : BigInt.asIntN(64, bits);
}
