#!/usr/bin/env node
// The CLI as bundled by the build (dist/bundle/main.js: see .config/bundle.js).
import { runCli } from '../dist/bundle/main.js';

process.exitCode = await runCli(process.argv.slice(2));
