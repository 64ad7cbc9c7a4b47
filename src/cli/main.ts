#!/usr/bin/env node
/**
 * The `vitrine` executable (package.json "bin"). Everything but process wiring is in commands.ts.
 */

import { readFileSync } from 'node:fs';
import { runCli } from './commands.js';

// dist/src/cli/main.js → the package root's package.json.
const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

process.exitCode = runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}, pkg.version);
