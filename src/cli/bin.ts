#!/usr/bin/env node
// The `react-clickwrap` executable (dist/cli.js).
import { main } from './index';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
