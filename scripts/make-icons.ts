// Draws the toolbar icons (a magnifying lens over a crossed arrow) as PNGs without
// any image library, so they can be regenerated offline: `npx tsx scripts/make-icons.ts`.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function icon(size: number): Buffer {
  const rows: Buffer[] = [];
  const centre = size * 0.42;
  const outer = size * 0.34;
  const inner = size * 0.24;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const dx = x + 0.5 - centre;
      const dy = y + 0.5 - centre;
      const distance = Math.hypot(dx, dy);
      const onHandle =
        x + 0.5 > centre + outer * 0.6 &&
        y + 0.5 > centre + outer * 0.6 &&
        Math.abs(x - y) < size * 0.09 &&
        x < size * 0.94;
      let rgba = [0, 0, 0, 0];
      if (distance <= outer && distance >= inner) rgba = [26, 115, 232, 255];
      else if (distance < inner) rgba = [232, 240, 254, 255];
      else if (onHandle) rgba = [32, 33, 36, 255];
      // A red bar across the lens: the blocked request.
      if (distance < inner && Math.abs(x + 0.5 - (size - y - 0.5)) < size * 0.07) {
        rgba = [217, 48, 37, 255];
      }
      row.set(rgba, 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 48, 128]) {
  writeFileSync(new URL(`../public/icons/icon-${size}.png`, import.meta.url), icon(size));
}
