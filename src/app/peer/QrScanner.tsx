import { useEffect, useRef, useState } from 'preact/hooks';

interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}

/** BarcodeDetector where the browser has it; the jsQR library (loaded only then) otherwise. */
async function makeDetector(): Promise<(canvas: HTMLCanvasElement) => Promise<string | null>> {
  const BD = (globalThis as unknown as { BarcodeDetector?: new (o: { formats: string[] }) => Detector }).BarcodeDetector;
  if (BD) {
    try {
      const d = new BD({ formats: ['qr_code'] });
      return async (canvas) => (await d.detect(canvas))[0]?.rawValue ?? null;
    } catch {
      // Unsupported format: fall through to jsQR.
    }
  }
  const { default: jsQR } = await import('jsqr');
  return async (canvas) => {
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(img.data, img.width, img.height)?.data ?? null;
  };
}

/** Scans a QR code with the camera; calls onCode once with its text. */
export function QrScanner({ onCode, onClose }: { onCode(text: string): void; onClose(): void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const detect = await makeDetector();
        const canvas = document.createElement('canvas');
        const loop = async (): Promise<void> => {
          const v = video.current;
          if (stopped || !v) return;
          if (v.videoWidth > 0) {
            canvas.width = v.videoWidth;
            canvas.height = v.videoHeight;
            canvas.getContext('2d')?.drawImage(v, 0, 0);
            const text = await detect(canvas).catch(() => null);
            if (text) return onCode(text);
          }
          timer = setTimeout(() => void loop(), 250);
        };
        void loop();
      } catch (err) {
        setError(`The camera could not be used to scan (${err instanceof Error ? err.message : String(err)}). Paste the code instead.`);
      }
    })();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);
  return (
    <div class="peer-scanner">
      {error ? <p role="alert">{error}</p> : <p class="muted small">Point the camera at your partner's QR code.</p>}
      <video ref={video} muted playsInline aria-label="Camera view for scanning" />
      <button type="button" onClick={onClose}>
        Stop scanning
      </button>
    </div>
  );
}
