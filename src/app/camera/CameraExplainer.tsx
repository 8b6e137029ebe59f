import { getEntry, totalBytes } from '../../models/catalogue';
import { formatBytes } from '../../models/manager';

/** What the camera computes, and what it never does. Shown before the camera is turned on. */
export function CameraExplainer() {
  const entry = getEntry('face-landmarker');
  const bytes = entry ? totalBytes(entry) : null;
  return (
    <div class="small camera-explainer">
      <p>
        Optional. When the camera is on, a face model runs <strong>on this device</strong> and turns each frame into a few numbers: whether your face is in the
        picture, whether you look towards the camera, how much you smile, brow tension, head movement and blinks. It never guesses how you feel.
      </p>
      <p>
        <strong>No image is stored or sent.</strong> Frames exist only in the browser's memory while they are analysed; only the numbers are saved with this
        interview, on this device (and in your exports). The face model{bytes ? ` (${formatBytes(bytes)})` : ''} is downloaded once.
      </p>
    </div>
  );
}
