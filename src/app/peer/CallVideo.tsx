import { useEffect, useRef } from 'preact/hooks';

/** A live video element for a MediaStream (the partner's, or a small muted preview of your own). */
export function CallVideo({ stream, label, muted, small }: { stream: MediaStream | null; label: string; muted: boolean; small?: boolean }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const v = ref.current;
    if (!v) return;
    v.srcObject = stream;
    if (stream) void v.play().catch(() => undefined);
  }, [stream]);
  if (!stream) return <div class={`peer-video empty${small ? ' small' : ''}`}>{label}: no video</div>;
  return <video ref={ref} class={`peer-video${small ? ' small' : ''}`} aria-label={label} muted={muted} autoPlay playsInline data-testid={muted ? 'local-video' : 'remote-video'} />;
}
