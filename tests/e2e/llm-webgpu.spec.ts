/**
 * WebGPU smoke test: Chromium with --enable-unsafe-webgpu offers a SwiftShader (software, no shader-f16)
 * adapter. Proves detection, the model choice (q4f32, since there is no shader-f16) and the fallback path:
 * no MLC weights can be downloaded here, so loading web-llm fails cleanly, with the message shown, and
 * the interview runs on the scripted interviewer.
 */
import { test, expect } from '@playwright/test';
import { BASE_ARGS, findChromium } from '../chromium.mjs';
import { answer } from './helpers';

test.use({ launchOptions: { executablePath: findChromium(), args: [...BASE_ARGS, '--enable-unsafe-webgpu'] } });

test('WebGPU on a software adapter: detected, web-llm picks q4f32, fails to download cleanly, the interview falls back to scripted', async ({ page, context }) => {
  const external: string[] = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => {
      external.push(route.request().url());
      return route.abort('internetdisconnected');
    },
  );
  await page.goto('/#/settings');

  // WebGPU itself works here (a compute pass on the adapter the app detects).
  // Plain JS (a string): the WebGPU DOM types are not part of this project's TypeScript setup.
  const sum = await page.evaluate<number | null>(`(async () => {
    const adapter = await navigator.gpu.requestAdapter();
    if (!adapter) return null;
    const device = await adapter.requestDevice();
    const buf = device.createBuffer({ size: 16, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(buf, 0, new Float32Array([1, 2, 3, 4]));
    const read = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const module = device.createShaderModule({ code: '@group(0) @binding(0) var<storage, read_write> v: array<f32>; @compute @workgroup_size(4) fn main(@builtin(global_invocation_id) i: vec3u) { v[i.x] = v[i.x] * 2.0; }' });
    const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
    const bind = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: buf } }] });
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bind);
    pass.dispatchWorkgroups(1);
    pass.end();
    enc.copyBufferToBuffer(buf, 0, read, 0, 16);
    device.queue.submit([enc.finish()]);
    await read.mapAsync(GPUMapMode.READ);
    return [...new Float32Array(read.getMappedRange())].reduce((a, b) => a + b, 0);
  })()`);
  expect(sum).toBe(20);

  // Detection: a software adapter without 16-bit shaders; automatic choice avoids the GPU.
  await expect(page.getByTestId('ai-card')).toContainText('WebGPU software adapter only');
  await expect(page.getByTestId('ai-card')).toContainText('swiftshader');
  await expect(page.getByTestId('ai-choice')).toHaveAttribute('data-kind', 'transformers');
  await expect(page.getByTestId('ai-reason')).toContainText('software one');

  // The user forces the GPU: web-llm, the 32-bit variant (no shader-f16).
  await page.getByLabel('Interviewer', { exact: true }).selectOption('webllm');
  await expect(page.getByTestId('ai-choice')).toHaveAttribute('data-kind', 'webllm');
  await expect(page.getByTestId('ai-choice')).toHaveAttribute('data-model', 'Llama-3.2-1B-Instruct-q4f32_1-MLC');
  await page.getByLabel('Model', { exact: true }).selectOption('qwen2.5-0.5b-webllm');
  await expect(page.getByTestId('ai-choice')).toHaveAttribute('data-model', 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
  await expect(page.getByTestId('ai-choice')).toContainText('1060 MB');

  // Loading fails cleanly (no weights can be downloaded) with the message shown.
  await page.getByTestId('ai-status').getByRole('button', { name: 'Load AI interviewer' }).click();
  await expect(page.getByTestId('ai-status')).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
  await expect(page.getByTestId('ai-status')).toContainText('could not be downloaded');
  await expect(page.getByTestId('ai-status')).toContainText('scripted interviewer');
  await expect(page.getByTestId('ai-status').getByRole('button', { name: 'Retry' })).toBeVisible();
  console.log(`[webgpu] blocked external requests: ${external.join(', ') || '(none seen by the router)'}`);
  expect(external.every((u) => /huggingface\.co|hf\.co|raw\.githubusercontent\.com/.test(u))).toBe(true);

  // The interview goes on with the scripted interviewer.
  await page.goto('/#/setup');
  await expect(page.getByTestId('ai-status')).toHaveAttribute('data-state', 'failed');
  await page.getByRole('button', { name: 'Start interview' }).click();
  await expect(page.getByTestId('engine')).toHaveAttribute('data-engine', 'scripted');
  await answer(page, 'I led the migration of our billing service and I cut costs by 30 percent within a quarter.');
  await expect(page.getByTestId('question')).not.toHaveAttribute('data-prompt-id', '0');
});
