// Compiles src/ into lib/, the code the package ships. `--clean` first removes lib/, so that a
// packed tarball never holds a module whose source is gone. Without TypeScript (an install of
// the package that left out its dev dependencies) an existing lib/ is kept as it is.

import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const lib = path.join(root, 'lib');

let tsc;
try {
  tsc = path.join(path.dirname(createRequire(path.join(root, 'package.json')).resolve('typescript/package.json')), 'bin', 'tsc');
} catch {
  if (existsSync(path.join(lib, 'cli', 'main.js'))) process.exit(0);
  console.error('gazette: lib/ is not built and TypeScript is not installed: run "npm install" (with dev dependencies) in the Gazette folder');
  process.exit(1);
}
if (process.argv.includes('--clean')) rmSync(lib, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
process.exit(result.status ?? 1);
