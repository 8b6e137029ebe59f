/**
 * Vision worker: MediaPipe FaceLandmarker (VIDEO mode, blendshapes, transformation matrix) behind a
 * Comlink API. The main thread only imports the `VisionApi` type from here (src/bridges/vision-client.ts).
 *
 * Privacy by construction: a frame arrives as a transferred ImageBitmap, is analysed once and closed here;
 * only the numbers of {@link FrameResult} go back. Nothing is stored or sent. MediaPipe's usage-statistics
 * POST (tasks-vision 1.1.0 sends one to odml.pa.googleapis.com on close() and every 60 s, with no option to
 * turn it off) is answered locally below, before MediaPipe is created: its logger then disables itself.
 *
 * - load(): memoised. The model comes from the model manager's verified cache (the page downloads it with
 *   progress first); the WASM runtime is self-hosted from the npm package (`?url` imports). Warms up on a
 *   blank frame before resolving.
 * - detect(): one frame at a time (the page keeps one in flight); timestamps are kept strictly increasing
 *   as VIDEO mode requires.
 */
import * as Comlink from 'comlink';
import { FaceLandmarker, type FilesetResolver } from '@mediapipe/tasks-vision';
// The ES-module loader: the classic one fails in a module worker ("ModuleFactory not set").
import loaderUrl from '@mediapipe/tasks-vision/vision_wasm_module_internal.js?url';
import wasmUrl from '@mediapipe/tasks-vision/vision_wasm_module_internal.wasm?url';
import { ModelManager } from '../src/models/manager';
import { getEntry } from '../src/models/catalogue';
import { extractObservation, frameSignals } from '../src/vision/signals';
import { reportBlockedRequest, reportWorkerRequests } from '../src/vision/network-log';
import type { FrameResult } from '../src/vision/types';

export type { FrameResult };

// ---- no usage statistics leave the device ---------------------------------------------------------------
const realFetch = self.fetch.bind(self);
/** Requests the worker refused to send (for the privacy receipt and the tests). */
const blocked: string[] = [];
self.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const url = new URL(input instanceof Request ? input.url : String(input), self.location.href);
  if (url.origin !== self.location.origin && url.hostname.endsWith('googleapis.com')) {
    blocked.push(`${url.origin}${url.pathname}`);
    reportBlockedRequest('vision', `${url.origin}${url.pathname}`);
    return Promise.resolve(new Response(null, { status: 204 }));
  }
  return realFetch(input, init);
};
reportWorkerRequests('vision');

type WasmFileset = Awaited<ReturnType<typeof FilesetResolver.forVisionTasks>>;

export interface VisionLoadOptions {
  /** Catalogue id of the model (default 'face-landmarker'). */
  model?: string;
}

export interface VisionLoadResult {
  loadMs: number;
  /** Bytes of the model file. */
  modelBytes: number;
}

export interface VisionApi {
  load(opts?: VisionLoadOptions): Promise<VisionLoadResult>;
  /** Analyses one frame (and closes it). `t` is the capture time (performance.now() of the page). */
  detect(frame: ImageBitmap, t: number): Promise<FrameResult>;
  /** Frees MediaPipe (the worker stays up). */
  unload(): Promise<void>;
  /** External requests this worker answered locally instead of sending. */
  blockedRequests(): Promise<string[]>;
}

/** The model is not in the verified cache: the page must download it first. */
export class VisionModelMissingError extends Error {
  override name = 'VisionModelMissingError';
}

const verifiedModels = new ModelManager({ baseUrl: null });
let loading: { key: string; promise: Promise<VisionLoadResult> } | null = null;
let landmarker: FaceLandmarker | null = null;
let lastTs = 0;

const abs = (u: string): string => new URL(u, self.location.href).href;

async function modelBytes(id: string): Promise<Uint8Array> {
  const entry = getEntry(id);
  const file = entry?.files[0];
  if (!entry || !file) throw new VisionModelMissingError(`No model "${id}" in the catalogue.`);
  const res = await verifiedModels.cachedFile(entry, file);
  if (!res) throw new VisionModelMissingError(`${entry.label} is not downloaded yet.`);
  return new Uint8Array(await res.arrayBuffer());
}

function nextTimestamp(t: number): number {
  lastTs = Math.max(lastTs + 1, Math.round(t));
  return lastTs;
}

async function doLoad(id: string): Promise<VisionLoadResult> {
  const t0 = performance.now();
  const bytes = await modelBytes(id);
  const fileset: WasmFileset = { wasmLoaderPath: abs(loaderUrl), wasmBinaryPath: abs(wasmUrl) };
  const lm = await FaceLandmarker.createFromOptions(fileset, {
    baseOptions: { modelAssetBuffer: bytes, delegate: 'CPU' },
    runningMode: 'VIDEO',
    numFaces: 1,
    outputFaceBlendshapes: true,
    outputFacialTransformationMatrixes: true,
  });
  // Warm-up: the first detection allocates and compiles; do it before saying "ready".
  const blank = new OffscreenCanvas(64, 48);
  const ctx = blank.getContext('2d');
  if (ctx) {
    ctx.fillStyle = '#808080';
    ctx.fillRect(0, 0, 64, 48);
  }
  const bitmap = blank.transferToImageBitmap();
  try {
    lm.detectForVideo(bitmap, nextTimestamp(performance.now()));
  } finally {
    bitmap.close();
  }
  landmarker = lm;
  return { loadMs: Math.round(performance.now() - t0), modelBytes: bytes.byteLength };
}

function load(opts: VisionLoadOptions = {}): Promise<VisionLoadResult> {
  const key = opts.model ?? 'face-landmarker';
  if (loading && loading.key === key) return loading.promise;
  const promise = (async () => {
    if (loading) await unload();
    return doLoad(key);
  })();
  const state = { key, promise };
  loading = state;
  promise.catch(() => {
    if (loading === state) loading = null; // a failed load can be retried
  });
  return promise;
}

async function detect(frame: ImageBitmap, t: number): Promise<FrameResult> {
  try {
    if (loading) await loading.promise;
    const lm = landmarker;
    if (!lm) throw new Error('The face model is not loaded: call load() first.');
    const t0 = performance.now();
    const result = lm.detectForVideo(frame, nextTimestamp(t));
    const signals = frameSignals(extractObservation(result, frame.width, frame.height));
    return { signals, ms: Math.round((performance.now() - t0) * 10) / 10 };
  } finally {
    frame.close(); // the frame never outlives its detection
  }
}

async function unload(): Promise<void> {
  const lm = landmarker;
  landmarker = null;
  loading = null;
  lastTs = 0;
  lm?.close();
}

const api: VisionApi = { load, detect, unload, blockedRequests: async () => [...blocked] };
Comlink.expose(api);
