#!/usr/bin/env node
/**
 * The plugin's icons, drawn like the Excel add-in's (addin/assets/make-icons.js), in the sizes the
 * ONLYOFFICE plugin docs list (https://api.onlyoffice.com/docs/plugin-and-macros/customization/icons/):
 * resources/{light,dark}/icon.png at 100 %, 125 %, 150 %, 175 % and 200 % of a 20 px toolbar
 * button (20, 25, 30, 35, 40 px; `icons2` in config.json), and resources/img/icon.png and
 * icon@2x.png (40 and 80 px) for the older `icons` field of earlier Р7-Офис builds.
 * Run `node onlyoffice/resources/make-icons.js` after changing the drawing.
 */
const fs = require('fs');
const path = require('path');
const { draw } = require('../../addin/assets/make-icons');

const SCALES = [['', 20], ['@1.25x', 25], ['@1.5x', 30], ['@1.75x', 35], ['@2x', 40]];
for (const theme of ['light', 'dark']) {
  fs.mkdirSync(path.join(__dirname, theme), { recursive: true });
  for (const [suffix, size] of SCALES) fs.writeFileSync(path.join(__dirname, theme, `icon${suffix}.png`), draw(size));
}
fs.mkdirSync(path.join(__dirname, 'img'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'img', 'icon.png'), draw(40));
fs.writeFileSync(path.join(__dirname, 'img', 'icon@2x.png'), draw(80));
console.log('icons written to', __dirname);
