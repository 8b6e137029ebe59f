/**
 * Pairing by QR code, end to end: the host's invitation QR code (the app's own SVG, rasterised in its page)
 * becomes a video file for a second browser's fake camera; that browser's "Scan a QR code" reads it
 * (BarcodeDetector where Chromium has it, jsQR otherwise) into the invitation box and answers it.
 */
import { test, expect, chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_ARGS, findChromium } from '../chromium.mjs';
import { E2E_DIR } from './paths';

const SIZE = 720;

/** A still image (grey levels, SIZE×SIZE) as a 10-frame Y4M clip for --use-file-for-fake-video-capture. */
function writeY4m(file: string, grey: Uint8Array): void {
  const chroma = new Uint8Array((SIZE / 2) * (SIZE / 2)).fill(128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), Buffer.from(grey), Buffer.from(chroma), Buffer.from(chroma)]);
  const header = Buffer.from(`YUV4MPEG2 W${SIZE} H${SIZE} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: 10 }, () => frame)]));
}

test('a partner scans the invitation QR code with the camera and answers it', async ({ page }) => {
  await page.goto('/#/peer');
  await page.getByRole('group', { name: 'I will be the' }).getByLabel('interviewer').check();
  await page.getByRole('button', { name: /Create (a new )?invitation/ }).click();
  const offer = (await page.getByTestId('offer-code').inputValue()).trim();
  expect(offer).toMatch(/^P1\./);

  // Rasterise the QR code exactly as the app drew it (white background, nearest-neighbour scaling).
  const pixels = await page.evaluate(async (size) => {
    const svg = document.querySelector('[data-testid=peer-qr] svg');
    if (!svg) throw new Error('no QR code on the page');
    const clone = svg.cloneNode(true) as SVGElement;
    clone.setAttribute('width', String(size));
    clone.setAttribute('height', String(size));
    clone.setAttribute('shape-rendering', 'crispEdges');
    const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }));
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size, size);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(img, 0, 0, size, size);
    const d = ctx.getImageData(0, 0, size, size).data;
    const grey: number[] = new Array(size * size);
    for (let i = 0; i < size * size; i++) grey[i] = Math.round(0.299 * d[i * 4]! + 0.587 * d[i * 4 + 1]! + 0.114 * d[i * 4 + 2]!);
    return grey;
  }, SIZE);
  mkdirSync(E2E_DIR, { recursive: true });
  const clip = join(E2E_DIR, 'peer-invitation-qr.y4m');
  writeY4m(clip, Uint8Array.from(pixels));

  // The partner: another browser whose camera films the QR code.
  const other = await chromium.launch({ executablePath: findChromium(), args: [...BASE_ARGS, `--use-file-for-fake-video-capture=${clip}`] });
  try {
    const guest = await (await other.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
    await guest.goto('/#/peer');
    await guest.getByRole('button', { name: 'Scan a QR code' }).click();
    // The QR code carries the invitation link (the code in its #fragment); the box accepts either.
    await expect.poll(() => guest.getByTestId('offer-input').inputValue(), { timeout: 30_000 }).toContain(offer);
    expect(await guest.getByTestId('offer-input').inputValue()).toMatch(/#\/peer\/P1\./);
    await guest.getByRole('button', { name: 'Answer invitation' }).click();
    await expect(guest.getByTestId('answer-code')).toHaveValue(/^P1\./);
  } finally {
    await other.close();
  }
});

test('opening the invitation link fills in the invitation, ready to answer', async ({ page, browser }) => {
  await page.goto('/#/peer');
  await page.getByRole('group', { name: 'I will be the' }).getByLabel('candidate').check();
  await page.getByRole('button', { name: /Create (a new )?invitation/ }).click();
  const offer = (await page.getByTestId('offer-code').inputValue()).trim();
  const link = await page.getByTestId('offer-link').getAttribute('href');
  expect(link).toContain(`#/peer/${offer}`);
  const guest = await (await browser.newContext()).newPage();
  await guest.goto(link!);
  await expect.poll(() => guest.getByTestId('offer-input').inputValue()).toContain(offer);
  await guest.getByRole('button', { name: 'Answer invitation' }).click();
  await expect(guest.getByTestId('answer-code')).toHaveValue(/^P1\./);
});
