#!/usr/bin/env node
'use strict';
// Entry point of `npx shnor`: runs the compiled command line (npm run build compiles it).
const path = require('path');
const fs = require('fs');
const compiled = path.join(__dirname, '..', 'dist', 'node', 'cli', 'main.js');
if (!fs.existsSync(compiled)) {
  process.stderr.write('ШНОР Монитор не собран: выполните «npm run build» (или «npm start») в папке проекта.\n');
  process.exit(1);
}
// A reader that stops early (`shnor identify … | head -1`) closes the pipe: that is a normal end,
// not an error to report with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}
require(compiled).main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
