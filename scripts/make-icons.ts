/**
 * Draws the AuthLens icon (a magnifying lens over a keyhole) at each size the manifest names
 * and writes it to public/icons. Run with `npx tsx scripts/make-icons.ts` after changing the drawing;
 * the PNGs are committed so a build needs no image tooling.
 */
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const SIZES = [16, 32, 48, 128] as const;
const BLUE: Rgba = [37, 99, 235, 255];
const WHITE: Rgba = [255, 255, 255, 255];
type Rgba = readonly [number, number, number, number];

/** Coverage of pixel (x, y) by shape `inside`, sampled 4×4 for anti-aliasing. */
function coverage(x: number, y: number, inside: (u: number, v: number) => boolean): number {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) hits++;
  return hits / 16;
}

function draw(size: number): Buffer {
  const s = size / 128; // the drawing is designed on a 128-unit grid
  const lens = (u: number, v: number) => Math.hypot(u - 54 * s, v - 54 * s) <= 44 * s;
  const handle = (u: number, v: number) => {
    const along = (u - 54 * s + (v - 54 * s)) / Math.SQRT2;
    const across = (u - 54 * s - (v - 54 * s)) / Math.SQRT2;
    return along > 30 * s && along < 92 * s && Math.abs(across) < 11 * s;
  };
  const keyhole = (u: number, v: number) =>
    Math.hypot(u - 54 * s, v - 44 * s) <= 12 * s ||
    (v > 44 * s && v < 76 * s && Math.abs(u - 54 * s) < 6 * s + (v - 44 * s) * 0.18);
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let x = 0; x < size; x++) {
      const body = Math.max(coverage(x, y, lens), coverage(x, y, handle));
      const hole = coverage(x, y, keyhole);
      const [r, g, b] = hole > 0 ? WHITE.map((w, k) => Math.round(w * hole + (BLUE[k] ?? 0) * (1 - hole))) : BLUE;
      row.set([r ?? 0, g ?? 0, b ?? 0, Math.round(255 * body)], 1 + x * 4);
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

function png(size: number, raw: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

function crc32(data: Buffer): number {
  let c = ~0;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

for (const size of SIZES) writeFileSync(new URL(`../public/icons/icon-${size}.png`, import.meta.url), draw(size));
