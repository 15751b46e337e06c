// Draws media/icon.png (128x128): the Hub's ⇡ evidence arrow on a page, in plain Node (no image deps).
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const S = 128;
const px = new Uint8Array(S * S * 4);
const set = (x, y, [r, g, b, a = 255]) => {
  if (x < 0 || y < 0 || x >= S || y >= S) return;
  const i = (y * S + x) * 4;
  px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a;
};
const teal = [0, 112, 122], white = [255, 255, 255], amber = [255, 183, 3];
const inRounded = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r), cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) {
  if (inRounded(x, y, 4, 4, 123, 123, 22)) set(x, y, teal);
  // a page with lines of text
  if (x >= 26 && x <= 78 && y >= 22 && y <= 106) set(x, y, white);
  if (x >= 34 && x <= 70 && [36, 48, 60, 72, 84, 96].includes(y - (y % 1)) ) set(x, y, [150, 190, 195]);
}
// ⇡: an arrow head and a dashed shaft, in amber
const ax = 96;
for (let y = 30; y <= 52; y++) {
  const half = (y - 30) * 0.9;
  for (let x = Math.round(ax - half); x <= Math.round(ax + half); x++) set(x, y, amber);
}
for (let y = 52; y <= 104; y++) if (Math.floor((y - 52) / 8) % 2 === 0) for (let x = ax - 5; x <= ax + 5; x++) set(x, y, amber);

const crc = (buf) => {
  let c, crcv = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crcv ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crcv = (crcv >>> 8) ^ c;
  }
  return (crcv ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const raw = Buffer.alloc(S * (S * 4 + 1));
for (let y = 0; y < S; y++) { raw[y * (S * 4 + 1)] = 0; Buffer.from(px.buffer, y * S * 4, S * 4).copy(raw, y * (S * 4 + 1) + 1); }
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(S, 0); ihdr.writeUInt32BE(S, 4); ihdr[8] = 8; ihdr[9] = 6;
writeFileSync('media/icon.png', Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
console.log('wrote media/icon.png');
