#!/usr/bin/env node
/**
 * Draws the add-in's icons (a Fluent-blue tile with a scatter of dots and the quadrant cross) as
 * PNGs in the sizes the manifest needs: 16, 32, 80 (ribbon), 64 and 128 (store/high resolution).
 * Pure Node (zlib): run `node addin/assets/make-icons.js` after changing the drawing.
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const CRC = new Uint32Array(256).map((_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc32 = (buf) => { let c = 0xffffffff; for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) { raw[y * (size * 4 + 1)] = 0; rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4); }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Colour of the unit-square point (x, y) in [0,1]², or null for transparent. */
function paint(x, y) {
  const r = 0.18; // rounded corners
  const cx = Math.min(Math.max(x, r), 1 - r), cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  const dots = [[0.28, 0.72, '#FFAB91'], [0.36, 0.62, '#FFFFFF'], [0.5, 0.5, '#FFFFFF'], [0.62, 0.42, '#FFFFFF'], [0.74, 0.3, '#81C784'], [0.3, 0.34, '#81C784'], [0.7, 0.7, '#E57373']];
  for (const [dx, dy, c] of dots) if ((x - dx) ** 2 + (y - dy) ** 2 < 0.075 ** 2) return c;
  if (Math.abs(x - 0.45) < 0.025 && y > 0.14 && y < 0.86) return '#B4D6FA';
  if (Math.abs(y - 0.55) < 0.025 && x > 0.14 && x < 0.86) return '#B4D6FA';
  return '#0F6CBD';
}

function draw(size) {
  const ss = 4;
  const out = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) for (let px = 0; px < size; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < ss; sy++) for (let sx = 0; sx < ss; sx++) {
      const c = paint((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
      if (!c) continue;
      r += parseInt(c.slice(1, 3), 16); g += parseInt(c.slice(3, 5), 16); b += parseInt(c.slice(5, 7), 16); a++;
    }
    const i = (py * size + px) * 4;
    if (a) { out[i] = Math.round(r / a); out[i + 1] = Math.round(g / a); out[i + 2] = Math.round(b / a); out[i + 3] = Math.round((255 * a) / (ss * ss)); }
  }
  return png(size, out);
}

module.exports = { draw };

if (require.main === module) {
  for (const size of [16, 32, 64, 80, 128]) fs.writeFileSync(path.join(__dirname, `icon-${size}.png`), draw(size));
  console.log('icons written to', __dirname);
}
