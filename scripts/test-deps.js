#!/usr/bin/env node
/**
 * Brings what `npm test` needs from Debian's packages, before any test runs:
 *   python3-numpy python3-scipy python3-statsmodels — the independent reference values (/usr/bin/python3)
 *   chromium fonts-dejavu-core                       — headless browser tests (Cyrillic fonts)
 *   libreoffice-calc-nogui                           — opening written .xlsx files, recalculating formulas
 * Quick and silent when everything is present. Missing packages are installed with apt-get when
 * running as root (as CI does); otherwise it stops at once with the one command to run.
 */
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');

const PACKAGES = [
  { pkg: 'python3-numpy', ok: () => python('numpy') },
  { pkg: 'python3-scipy', ok: () => python('scipy') },
  { pkg: 'python3-statsmodels', ok: () => python('statsmodels') },
  { pkg: 'chromium', ok: () => fs.existsSync('/usr/bin/chromium') },
  { pkg: 'fonts-dejavu-core', ok: () => fs.existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf') },
  { pkg: 'libreoffice-calc-nogui', ok: () => onPath('soffice') },
];

function python(module) {
  return spawnSync('/usr/bin/python3', ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}
function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

const missing = PACKAGES.filter((p) => !p.ok()).map((p) => p.pkg);
if (missing.length === 0) process.exit(0);

const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || process.env.SHNOR_NO_INSTALL) {
  process.stderr.write(
    `Для тестов не хватает пакетов Debian: ${missing.join(', ')}.\n` +
    `Установите их одной командой и запустите npm test снова:\n\n  sudo ${command}\n\n`,
  );
  process.exit(1);
}
process.stderr.write(`Устанавливаю пакеты Debian для тестов: ${missing.join(' ')} …\n`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
} catch (e) {
  process.stderr.write(`Не удалось установить пакеты (${e.message}). Выполните вручную:\n\n  ${command}\n\n`);
  process.exit(1);
}
const still = PACKAGES.filter((p) => !p.ok()).map((p) => p.pkg);
if (still.length) {
  process.stderr.write(`После установки всё ещё не хватает: ${still.join(', ')}.\n`);
  process.exit(1);
}
process.stderr.write('Пакеты установлены.\n');
