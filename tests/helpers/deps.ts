/**
 * What tests need from Debian (scripts/test-deps.js installs it: `npm run test:deps`, which `npm test`
 * runs first). A test that cannot run for want of a package fails with one line naming the package
 * and the command — it never skips or passes quietly.
 */
import * as fs from 'fs';
import * as path from 'path';

/** «<what>: run `npm run test:deps` (or sudo apt-get install …)», as an Error to throw. */
export function missingPackages(what: string, packages: string[]): Error {
  const e = new Error(`${what}: run \`npm run test:deps\` (or sudo apt-get install -y --no-install-recommends ${packages.join(' ')})`);
  e.stack = e.message; // the one line is the whole story: no stack under it
  return e;
}

/** Chromium for the browser tests (CHROMIUM_PATH, or Debian's /usr/bin/chromium); throws when it is missing. */
export function chromiumPath(): string {
  const file = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(file)) throw missingPackages(`no browser at ${file} (set CHROMIUM_PATH or install Debian's chromium)`, ['chromium', 'fonts-dejavu-core']);
  return file;
}

/**
 * Where tests save screenshots: docs/img/ (the committed pictures of the guides) only with
 * SCREENSHOTS=docs, as the `screenshots:*` scripts set it; otherwise tests/artifacts/ (ignored by git).
 */
export function screenshotDir(): string {
  const dir = path.join(__dirname, '..', '..', process.env.SCREENSHOTS === 'docs' ? 'docs/img' : 'tests/artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
