/** The phone's camera as a QR reader: BarcodeDetector where the browser has one, jsQR otherwise. */
interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
interface DetectorClass {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
}

const nativeDetector = (): DetectorClass | null =>
  (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector ?? null;

async function makeReader(): Promise<
  (frame: HTMLCanvasElement, context: CanvasRenderingContext2D) => Promise<string | null>
> {
  const Native = nativeDetector();
  if (Native && (await Native.getSupportedFormats().catch((): string[] => [])).includes('qr_code')) {
    const detector = new Native({ formats: ['qr_code'] });
    return async (frame) => (await detector.detect(frame))[0]?.rawValue ?? null;
  }
  const { decodeQr } = await import('./qr-decode');
  return async (frame, context) =>
    decodeQr(context.getImageData(0, 0, frame.width, frame.height).data, frame.width, frame.height);
}

/**
 * Fetches the jsQR chunk ahead (in idle time, once the door has its list) on browsers that will need it,
 * so the camera also starts offline; it is not evaluated on the page's way to being usable.
 */
export function prepareCamera(): void {
  if (nativeDetector()) return;
  const later =
    (window as unknown as { requestIdleCallback?: (f: () => void) => void }).requestIdleCallback ??
    ((f: () => void) => setTimeout(f, 1000));
  later(() => void import('./qr-decode').catch(() => undefined));
}

/** Starts reading QR codes from the back camera into `video`; resolves to the function that stops it. */
export async function startCamera(video: HTMLVideoElement, onCode: (code: string) => void): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: { ideal: 'environment' } },
    audio: false,
  });
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    stream.getTracks().forEach((t) => t.stop());
    video.srcObject = null;
  };
  try {
    video.srcObject = stream;
    await video.play();
    const read = await makeReader();
    const frame = document.createElement('canvas');
    const context = frame.getContext('2d', { willReadFrequently: true })!;
    const tick = async () => {
      if (stopped) return;
      if (video.videoWidth > 0) {
        // A smaller frame decodes faster on a cheap phone; a ticket QR held at the door still fills it.
        const scale = Math.min(1, 640 / video.videoWidth);
        frame.width = Math.round(video.videoWidth * scale);
        frame.height = Math.round(video.videoHeight * scale);
        context.drawImage(video, 0, 0, frame.width, frame.height);
        const code = await read(frame, context).catch(() => null);
        if (code && !stopped) onCode(code);
      }
      if (!stopped) timer = setTimeout(() => void tick(), 150);
    };
    void tick();
  } catch (err) {
    stop();
    throw err;
  }
  return stop;
}
