import { useApp } from '../context';
import { CameraExplainer } from './CameraExplainer';
import { PrivacyReceipt } from './PrivacyReceipt';
import './camera.css';

/** Settings → Camera: opt in, live cues on/off, what is computed, and the privacy receipt. */
export function CameraSettings() {
  const { settings, updateSettings } = useApp();
  return (
    <div class="card" data-testid="camera-settings">
      <h2>Camera and privacy</h2>
      <CameraExplainer />
      <label class="checkbox">
        <input type="checkbox" checked={settings.cameraEnabled} onChange={(e) => void updateSettings({ cameraEnabled: e.currentTarget.checked })} /> Use the camera
        for delivery cues during interviews
      </label>
      <label class="checkbox">
        <input type="checkbox" checked={settings.cameraCues} onChange={(e) => void updateSettings({ cameraCues: e.currentTarget.checked })} /> Show live cues (at
        most one every 20 seconds, e.g. “Try looking at the camera”)
      </label>
      <PrivacyReceipt />
    </div>
  );
}
