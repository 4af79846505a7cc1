/** Loaded on demand: the QR encoder (uqr), its SVG view and the PNG export. */
import { css, html } from 'lit';
import { encode } from 'uqr';
import type { LoadedStrings } from './i18n/en.js';

/** English for the QR panel (the other languages' catalogs have the same keys). */
export const qrEn = { qrLabel: 'QR code of your referral link', downloadPng: 'Download PNG' };

export interface QrCode {
  /** Modules per side, quiet zone included. */
  size: number;
  /** One SVG path of the dark modules, one unit a module. */
  path: string;
}

/** Encodes `text` (error correction M, a 2-module quiet zone) as one SVG path. */
export function encodeQr(text: string): QrCode {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  let path = '';
  data.forEach((row, y) => {
    // Horizontal runs of dark modules make the path several times shorter than one square each.
    for (let x = 0; x < size; x++) {
      if (!row[x]) continue;
      const start = x;
      while (row[x + 1]) x++;
      path += `M${start} ${y}h${x - start + 1}v1H${start}z`;
    }
  });
  return { size, path };
}

/** Saves the code as `referral-qr-code.png` (drawn here, nothing is fetched). */
export async function downloadPng(code: QrCode): Promise<void> {
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(await qrPng(code)), download: 'referral-qr-code.png' });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** Draws the code black on white, `scale` pixels a module, as a PNG. */
export function qrPng({ size, path }: QrCode, scale = 10): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size * scale;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(scale, scale);
  context.fillStyle = '#000';
  context.fill(new Path2D(path));
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed'))), 'image/png'));
}

/** The code as SVG (dark modules are one path, black on white in either theme), with the download button. */
export function qrView({ size, path }: QrCode, loaded: LoadedStrings, download: () => void) {
  const t = { ...qrEn, ...loaded };
  return html`<svg viewBox="0 0 ${size} ${size}" role="img" aria-label=${t.qrLabel} shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"></rect><path fill="#000" d=${path}></path></svg>
    <button type="button" class="secondary" @click=${download}>${t.downloadPng}</button>`;
}

/** The panel's styles, adopted when this module arrives (before it, the panel holds a skeleton box). */
export const qrStyles = css`
  [part='qr'] {
    display: grid;
    justify-items: start;
    gap: 0.5rem;
  }
  [part='qr'] svg {
    width: 10rem;
    height: 10rem;
  }
`;
