// Module loader hook for tools/ir-profile.js: serves dist/src/exec/interpreter.js with a call to
// globalThis.__irProf(code, pc) before every dispatch. Only the profiler loads it; the shipped
// loop has no counting.
const DISPATCH = 'switch (code[pc]) {';

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (!url.endsWith('/dist/src/exec/interpreter.js')) return result;
  const source = String(result.source);
  // `run` and `runVector` each dispatch; count both (run's hand-off to runVector counts the
  // first vector instruction twice, which is negligible).
  if (source.indexOf(DISPATCH) < 0) {
    throw new Error('ir-profile: no dispatch `switch (code[pc])` in interpreter.js');
  }
  return { ...result, source: source.split(DISPATCH).join(`globalThis.__irProf(code, pc); ${DISPATCH}`) };
}
