#!/usr/bin/env python3
"""Evaluates a shipped model folder (its model.onnx, run through the ONNX graph) on a corpus split.

    /usr/bin/python3 training/evaluate.py --model-dir models/ksl-synth-small --data corpus/synth --split test

Every clip runs as a session in the Java runtime: from a zero state, in chunks of the manifest's
``chunk_length``, with the state rounded between chunks to the manifest's storage dtypes (float16
stream buffers), through the manifest's word decoder. Isolated clips are classified by the
decoder's most confident word (none: idle); sentences and random sign sequences get a word error
rate each; the delay of each word after its sign's last frame is reported as median and p95.
Prints one JSON line: the same metrics as the model card and ``signstream eval``.
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
from signstream_training.evaluate import DecoderConfig, Readings, evaluate  # noqa: E402
from signstream_training.onnx_eval import OnnxTorchEvaluator  # noqa: E402
from signstream_training.streams import reading_frames  # noqa: E402


def run_session(evaluator: OnnxTorchEvaluator, states: list, frames: np.ndarray,
                chunk: int) -> Readings:
    """uint8 [T, S, S, 3] through the graph chunk by chunk, state stored as the runtime keeps it."""
    state = {s["name"]: np.zeros([1] + s["shape"], np.float32) for s in states}
    probs = []
    for start in range(0, len(frames), chunk):
        image = np.asarray(frames[start:start + chunk], np.float32)[None] / np.float32(255)
        out = evaluator.run({"image": image, **state})
        for s in states:
            value = out[s["name"] + "_out"]
            if s["storage"] == "float16":
                value = value.astype(np.float16).astype(np.float32)
            elif s["storage"] != "float32":
                raise ValueError(f"state {s['name']}: unknown storage {s['storage']}")
            state[s["name"]] = value
        probs.append(torch.softmax(torch.from_numpy(out["logits"][0]), 0).numpy())
    return Readings(reading_frames(len(frames), chunk), np.stack(probs))


def evaluate_folder(model_dir: Path, data: Path, split: str, cache_dir: Path) -> dict:
    manifest = json.loads((model_dir / "model.json").read_text(encoding="utf-8"))
    labels = json.loads((model_dir / "labels.json").read_text(encoding="utf-8"))
    dataset = read_corpus(data)
    if dataset.labels != labels[:len(dataset.labels)]:
        raise SystemExit(f"error: {data}/labels.json differs from {model_dir}/labels.json")
    if manifest.get("signing_label") != labels[-1]:
        raise SystemExit(f"error: {model_dir}: the last label must be the manifest's signing_label")
    records = dataset.split(split)
    if not records:
        raise SystemExit(f"error: no clips in split '{split}' of {data}")
    cache = FrameCache.build(records, cache_dir, manifest["input"]["height"], manifest["fps"])
    evaluator = OnnxTorchEvaluator(onnx.load(str(model_dir / "model.onnx")))
    decoder = manifest["decoder"]
    if decoder.get("kind") != "peak":
        raise SystemExit(f"error: {model_dir}: decoder kind {decoder.get('kind')!r} is not 'peak'")
    cfg = DecoderConfig(chunk=manifest["chunk_length"], min_confidence=decoder["min_confidence"])
    readings = {i: run_session(evaluator, manifest["states"], cache.clip_frames(clip), cfg.chunk)
                for i, clip in enumerate(cache.clips)}
    metrics = evaluate(readings, cache, labels.index(manifest["idle_label"]), len(labels), cfg,
                       manifest["fps"])
    if "isolated" in metrics:
        metrics["isolated"].pop("confusion")
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
    print(json.dumps(evaluate_folder(args.model_dir, args.data, args.split, args.cache)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
