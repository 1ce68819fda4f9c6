#!/usr/bin/env bash
# Installs what 'atelier bench --only esrgan' needs to run UpscalerJS's ESRGAN models in Node for comparison:
# pure-JS TensorFlow.js (CPU backend; tfjs-node downloads libtensorflow at install time, which we avoid) and the
# original TFJS model packages. Versions are pinned so the figures stay comparable. Atelier itself never downloads
# anything; this script is the one explicit step that does (from the npm registry).
set -euo pipefail

prefix="${ATELIER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/atelier}/bench-node"
command -v npm >/dev/null || { echo "setup-upscalerjs: npm not found (install Node.js 18 or later)" >&2; exit 1; }
mkdir -p "$prefix"
# --legacy-peer-deps: the model packages declare a peer tfjs ~4.11; we only read their model.json and weight files,
# never their JS, so the peer range does not apply.
npm install --legacy-peer-deps --prefix "$prefix" --no-audit --no-fund --omit=optional \
  @tensorflow/tfjs@4.22.0 @upscalerjs/esrgan-slim@1.0.0 @upscalerjs/esrgan-medium@1.0.0
echo "setup-upscalerjs: installed into $prefix"
