import { useMemo } from 'preact/hooks';
import qrcode from 'qrcode-generator';

/** A QR code (SVG) of `text`, or a note when it is too long for one. */
export function QrCode({ text, label }: { text: string; label: string }) {
  const svg = useMemo(() => {
    try {
      const qr = qrcode(0, 'L');
      qr.addData(text, 'Byte');
      qr.make();
      return qr.createSvgTag({ cellSize: 3, margin: 2, scalable: true });
    } catch {
      return null;
    }
  }, [text, label]);
  if (!svg) return <p class="muted small">This code is too long for a QR code: copy the text or the link instead.</p>;
  return <div class="peer-qr" role="img" aria-label={label} data-testid="peer-qr" dangerouslySetInnerHTML={{ __html: svg }} />;
}
