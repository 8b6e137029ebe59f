/**
 * The parts of the AudioWorkletGlobalScope used by src/media/capture-processor.ts. TypeScript's DOM lib
 * describes the main-thread side (AudioWorklet, AudioWorkletNode) but not the worklet scope.
 *
 * Only the two distinctive names are declared globally; they exist at runtime only inside an audio
 * worklet, so do not call them from page code. The scope's `sampleRate` / `currentTime` are deliberately
 * NOT declared here (generic names that would type-check by mistake in page code); the processor
 * declares `sampleRate` locally (`declare const sampleRate: number`).
 */

interface AudioWorkletProcessorInstance {
  readonly port: MessagePort;
  process(inputs: Float32Array[][], outputs: Float32Array[][], parameters: Record<string, Float32Array>): boolean;
}

declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: AudioWorkletNodeOptions);
}

declare function registerProcessor(
  name: string,
  processorCtor: new (options: AudioWorkletNodeOptions) => AudioWorkletProcessorInstance,
): void;
