#!/usr/bin/env python3
"""Evaluates a shipped model folder (its model.onnx, run through the ONNX graph) on a corpus split.

    /usr/bin/python3 training/evaluate.py --model-dir models/ksl-synth-small --data corpus/synth --split test

Same rule as the model card: each isolated sign or idle clip runs from a zero state and its
prediction is the logits after its last frame. Prints top-1, top-5 and macro-F1.
"""
import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import torch  # noqa: E402

from signstream_training.data import FrameCache, read_corpus  # noqa: E402
from signstream_training.evaluate import classification_metrics, clip_label  # noqa: E402
from signstream_training.onnx_eval import OnnxTorchEvaluator  # noqa: E402


def evaluate_folder(model_dir: Path, data: Path, split: str, cache_dir: Path) -> dict:
    manifest = json.loads((model_dir / "model.json").read_text(encoding="utf-8"))
    labels = json.loads((model_dir / "labels.json").read_text(encoding="utf-8"))
    dataset = read_corpus(data)
    if dataset.labels != labels:
        raise SystemExit(f"error: {data}/labels.json differs from {model_dir}/labels.json")
    records = [r for r in dataset.split(split) if len(r.signs) <= 1]
    if not records:
        raise SystemExit(f"error: no isolated sign or idle clips in split '{split}' of {data}")
    cache = FrameCache.build(records, cache_dir, manifest["input"]["height"], manifest["fps"])
    evaluator = OnnxTorchEvaluator(onnx.load(str(model_dir / "model.onnx")))
    logits = []
    for clip in cache.clips:
        frames = np.asarray(cache.clip_frames(clip), np.float32)[None] / np.float32(255)
        feeds = {"image": frames}
        feeds.update({s["name"]: np.zeros([1] + s["shape"], np.float32)
                      for s in manifest["states"]})
        logits.append(evaluator.run(feeds)["logits"][0])
    truth = np.array([clip_label(cache, i, labels.index(manifest["idle_label"]))
                      for i in range(len(cache.clips))])
    metrics = classification_metrics(np.stack(logits), truth, len(labels))
    metrics.pop("confusion")
    return metrics


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--split", default="test", choices=["train", "val", "test"])
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "signstream")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    metrics = evaluate_folder(args.model_dir, args.data, args.split, args.cache)
    print(json.dumps(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
