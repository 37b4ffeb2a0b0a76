#!/usr/bin/env node
// The `react-clickwrap` executable (dist/cli/bin.js, package.json's `bin`).
import { main } from './index';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
