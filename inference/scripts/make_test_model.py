#!/usr/bin/python3
"""Writes the random-weight test model the Java tests of inference/ load, so that they need
neither Python nor the trained model.

    /usr/bin/python3 inference/scripts/make_test_model.py            # from the repository root

It builds the `small` MoViNet stream model of training/ at 64x64 with bounded memory (the
shipped model's architecture) with 7 classes (idle, five signs, and the model-only `<signing>`), gives every ReZero gate and BatchNorm statistic random values
(fresh weights would hide every block: see training's randomize_for_tests), exports it with
training's exporter (opset 17, dynamic batch and chunk length, state as explicit inputs and
outputs) and writes a model folder as docs/model-contract.md describes, plus a reference:

* `reference.json`: per-frame logits that PyTorch computes for a 12-frame clip whose pixels
  follow an integer formula the Java test reproduces exactly (see `reference_clip`).

The folder lands in inference/src/test/resources/models/random-small/ (about 1.2 MB).
Re-running with the same seed gives the same weights; the ONNX bytes, and so the version hash,
may differ between PyTorch releases.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "training"))

from signstream_training.export import export_onnx, state_manifest, version_of  # noqa: E402
from signstream_training.model import Memory, build_model, randomize_for_tests  # noqa: E402
from signstream_training.streams import SIGNING_LABEL  # noqa: E402

OUT = ROOT / "inference/src/test/resources/models/random-small"
LABELS = ["<idle>", "hello", "thanks", "school", "hospital", "water", SIGNING_LABEL]
SIZE = 64
SEED = 7
REFERENCE_FRAMES = 12


def reference_clip(frames: int, size: int) -> np.ndarray:
    """[1, T, S, S, 3] float32: pixel (t, y, x, c) = ((7x + 13y + 29t + 31c) mod 256) / 255."""
    t, y, x, c = np.meshgrid(np.arange(frames), np.arange(size), np.arange(size), np.arange(3),
                             indexing="ij")
    values = (7 * x + 13 * y + 29 * t + 31 * c) % 256
    return (values.astype(np.float32) / np.float32(255.0))[None]


def main() -> None:
    torch.manual_seed(SEED)
    model = build_model("small", len(LABELS), memory=Memory.bounded(), size=SIZE)
    randomize_for_tests(model, seed=SEED)
    model.eval()
    OUT.mkdir(parents=True, exist_ok=True)
    onnx_bytes = export_onnx(model, OUT / "model.onnx")
    size = model.arch.input_size
    with torch.no_grad():
        logits, _ = model(torch.from_numpy(reference_clip(REFERENCE_FRAMES, size)))
    manifest = {
        "format": 2,
        "name": "random-small",
        "version": version_of(onnx_bytes),
        "architecture": model.arch.name,
        "input": {"name": "image", "height": size, "width": size, "layout": "BTHWC",
                  "dtype": "float32", "range": [0.0, 1.0]},
        "output": "logits",
        "fps": 15,
        "chunk_length": 8,
        "labels": "labels.json",
        "idle_label": LABELS[0],
        "signing_label": SIGNING_LABEL,
        "memory": model.memory.to_json(),
        "states": state_manifest(model),
        "decoder": {"kind": "peak"},
        "training": {"data": "none: random weights for tests",
                     "command": "/usr/bin/python3 inference/scripts/make_test_model.py",
                     "seconds": 0, "machine": "any"},
        "metrics": {"split": "none", "clips": 0, "top1": 0.0, "top5": 0.0, "macro_f1": 0.0},
    }
    (OUT / "model.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    (OUT / "labels.json").write_text(json.dumps(LABELS) + "\n", encoding="utf-8")
    reference = {"frames": REFERENCE_FRAMES, "formula": reference_clip.__doc__,
                 "logits": [[float(v) for v in row] for row in logits[0].numpy()]}
    (OUT / "reference.json").write_text(json.dumps(reference) + "\n", encoding="utf-8")
    print(f"wrote {OUT} (version {manifest['version']}, {len(onnx_bytes)} bytes)")


if __name__ == "__main__":
    main()
