import jsQR from 'jsqr';

/**
 * QR decoding for browsers without BarcodeDetector (iOS Safari, desktop Linux, older Android WebViews):
 * its own chunk, fetched when a camera is first started on such a browser (and cached for offline use).
 */
export function decodeQr(pixels: Uint8ClampedArray, width: number, height: number): string | null {
  return jsQR(pixels, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}
