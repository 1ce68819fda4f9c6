// Runs an UpscalerJS TFJS layers model with pure-JS TensorFlow.js (CPU backend) on raw pixels, for
// 'atelier bench --only esrgan'. Written by Atelier; reads everything from disk, never from the network.
//
// node upscalerjs-bench.mjs NODE_PREFIX MODEL_JSON INPUT_BIN WIDTH HEIGHT OUTPUT_BIN RUNS
//   INPUT_BIN:  float32 little-endian, HWC RGB, in the model's value range
//   OUTPUT_BIN: the model's output, same layout
// Prints one JSON line last: {"loadMs", "firstPredictMs", "medianPredictMs", "predictMs": [...], ...}.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [prefix, modelJson, inputBin, width, height, outputBin, runsArg] = process.argv.slice(2);
const runs = Number.parseInt(runsArg, 10);
const require = createRequire(join(prefix, 'package.json'));
const tf = require('@tensorflow/tfjs');

// The two custom layers of esrgan-thick, registered only when the model names them.
function registerCustomLayers(topology) {
  const names = new Set(JSON.stringify(topology).match(/"class_name":"[A-Za-z0-9]+"/g)
    .map((s) => s.slice('"class_name":"'.length, -1)));
  if (names.has('MultiplyBeta')) {
    class MultiplyBeta extends tf.layers.Layer {
      static className = 'MultiplyBeta';
      call(inputs) {
        return tf.tidy(() => tf.mul(Array.isArray(inputs) ? inputs[0] : inputs, 0.2));
      }
    }
    tf.serialization.registerClass(MultiplyBeta);
  }
  for (const name of names) {
    const m = /^PixelShuffle(\d+)x$/.exec(name);
    if (!m) continue;
    const scale = Number(m[1]);
    const Shuffle = class extends tf.layers.Layer {
      static className = name;
      computeOutputShape(s) {
        return [s[0], s[1] == null ? null : s[1] * scale, s[2] == null ? null : s[2] * scale, s[3] / (scale * scale)];
      }
      call(inputs) {
        return tf.tidy(() => tf.depthToSpace(Array.isArray(inputs) ? inputs[0] : inputs, scale, 'NHWC'));
      }
    };
    tf.serialization.registerClass(Shuffle);
  }
}

// model.json plus its weight shards, concatenated in manifest order, as in-memory artifacts.
function artifacts(file) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const specs = [];
  const shards = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) shards.push(readFileSync(join(dirname(file), p)));
  }
  const all = Buffer.concat(shards);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return { modelTopology: json.modelTopology, weightSpecs: specs, weightData };
}

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

await tf.setBackend('cpu');
await tf.ready();
const w = Number(width);
const h = Number(height);
const raw = readFileSync(inputBin);
const pixels = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));

let t0 = performance.now();
const art = artifacts(modelJson);
registerCustomLayers(art.modelTopology);
const model = await tf.loadLayersModel(tf.io.fromMemory(art));
const loadMs = performance.now() - t0;

const input = tf.tensor4d(pixels, [1, h, w, 3]);
function predict() {
  const start = performance.now();
  const out = model.predict(input);
  const data = out.dataSync(); // forces the computation
  out.dispose();
  return [performance.now() - start, data];
}
const [firstPredictMs, first] = predict();
writeFileSync(outputBin, Buffer.from(first.buffer, first.byteOffset, first.byteLength));
const predictMs = [];
for (let i = 0; i < runs; i++) predictMs.push(predict()[0]);
console.log(JSON.stringify({
  tfjs: tf.version.tfjs, backend: tf.getBackend(), node: process.version, loadMs, firstPredictMs,
  medianPredictMs: median(predictMs), predictMs, outputValues: first.length,
}));
