/** Vitrine's version, as in package.json (a unit test checks they agree). Snapshot files record it. */
export const VITRINE_VERSION = '0.1.0';
