#!/usr/bin/python3
"""Exports a MoViNet stream model of training/ with random weights, for benchmarks that need a
model's cost and state size but not its accuracy (A0 at 172x172 has no trained weights here).

    /usr/bin/python3 bench/scripts/export_untrained.py --arch a0 --out /tmp/a0-untrained
    ./signstream bench live --model /tmp/a0-untrained --sessions 4 --duration 60s

It builds the architecture with bounded memory (the model contract's format 2, as the shipped
model), gives every ReZero gate and BatchNorm statistic random values as the inference tests'
random model does (training's randomize_for_tests: fresh weights would hide every block, and a
model that skips its blocks would run faster than a trained one), exports it with training's
exporter and writes a model folder as docs/model-contract.md describes, with the shipped model's
labels. Its words mean nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "training"))

from signstream_training.export import export_onnx, state_manifest, version_of  # noqa: E402
from signstream_training.model import ARCHS, Memory, build_model, randomize_for_tests  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--arch", choices=sorted(ARCHS), default="a0")
    p.add_argument("--size", type=int, help="input edge in pixels (default: the architecture's, 172 for a0)")
    p.add_argument("--out", type=Path, required=True, help="model folder to write")
    p.add_argument("--labels", type=Path, default=ROOT / "models/ksl-synth-small/labels.json")
    p.add_argument("--seed", type=int, default=13)
    args = p.parse_args()

    labels = json.loads(args.labels.read_text(encoding="utf-8"))
    torch.manual_seed(args.seed)
    model = build_model(args.arch, len(labels), memory=Memory.bounded(), size=args.size)
    randomize_for_tests(model, seed=args.seed)
    model.eval()
    args.out.mkdir(parents=True, exist_ok=True)
    onnx_bytes = export_onnx(model, args.out / "model.onnx")
    size = model.arch.input_size
    manifest = {
        "format": 2,
        "name": f"untrained-{args.arch}",
        "version": version_of(onnx_bytes),
        "architecture": model.arch.name,
        "input": {"name": "image", "height": size, "width": size, "layout": "BTHWC",
                  "dtype": "float32", "range": [0.0, 1.0]},
        "output": "logits",
        "fps": 15,
        "chunk_length": 8,
        "labels": "labels.json",
        "idle_label": labels[0],
        "signing_label": labels[-1],
        "memory": model.memory.to_json(),
        "states": state_manifest(model),
        "decoder": {"kind": "peak"},
        "training": {"data": "none: random weights, for benchmarks",
                     "command": " ".join([sys.executable] + sys.argv), "seconds": 0, "machine": "any"},
        "metrics": {"split": "none", "clips": 0, "top1": 0.0, "top5": 0.0, "macro_f1": 0.0},
    }
    (args.out / "model.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    (args.out / "labels.json").write_text(json.dumps(labels) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({model.arch.name}, {size}x{size}, version {manifest['version']}, "
          f"{len(onnx_bytes)} bytes)")


if __name__ == "__main__":
    main()
