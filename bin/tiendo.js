#!/usr/bin/env node
// The `tiendo` command. The code base is TypeScript run through tsx (no build step for the
// server); this small JavaScript shim registers it, so `npx tiendo` works from a fresh install.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
