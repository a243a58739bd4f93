#!/usr/bin/env python3
"""Evaluates a shipped model folder (its model.onnx, run through the ONNX graph) on a corpus split.

    /usr/bin/python3 training/evaluate.py --model-dir models/ksl-synth-small --data corpus/synth --split test

Same rules as the model card: each isolated sign or idle clip runs from a zero state and its
prediction is the logits after its last frame (top-1, top-5, macro-F1); each sentence clip runs
in chunks of the manifest's ``chunk_length`` through the manifest's word decoder, with the state
carried between chunks in the manifest's storage dtypes (float16 stream buffers), as the Java
runtime stores it (word error rate, exact sentences). Prints one JSON line.
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
from signstream_training.evaluate import (DecoderConfig, classification_metrics,  # noqa: E402
                                          clip_label, decoder_metrics)
from signstream_training.onnx_eval import OnnxTorchEvaluator  # noqa: E402


class OnnxStream:
    """The exported graph behind the interface the decoder simulation uses for a PyTorch model
    (``eval``, ``initial_state``, ``model(image, state) -> (logits [B, 1, C], state)``), with
    each state rounded to its storage dtype between calls, as the runtime keeps it."""

    def __init__(self, evaluator: OnnxTorchEvaluator, states: list):
        self.evaluator, self.states = evaluator, states

    def eval(self):
        return self

    def initial_state(self, batch: int) -> dict:
        return {s["name"]: torch.zeros([batch] + s["shape"]) for s in self.states}

    def __call__(self, image: torch.Tensor, state: dict):
        feeds = {"image": image.numpy()}
        feeds.update({name: value.numpy() for name, value in state.items()})
        out = self.evaluator.run(feeds)
        stored = {}
        for s in self.states:
            value = torch.from_numpy(out[s["name"] + "_out"])
            if s["storage"] == "float16":
                value = value.half().float()
            elif s["storage"] != "float32":
                raise ValueError(f"state {s['name']}: unknown storage {s['storage']}")
            stored[s["name"]] = value
        return torch.from_numpy(out["logits"])[:, None], stored


def evaluate_folder(model_dir: Path, data: Path, split: str, cache_dir: Path,
                    sentences: bool = False) -> dict:
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
    idle = labels.index(manifest["idle_label"])
    logits = []
    for clip in cache.clips:
        frames = np.asarray(cache.clip_frames(clip), np.float32)[None] / np.float32(255)
        feeds = {"image": frames}
        feeds.update({s["name"]: np.zeros([1] + s["shape"], np.float32)
                      for s in manifest["states"]})
        logits.append(evaluator.run(feeds)["logits"][0])
    truth = np.array([clip_label(cache, i, idle) for i in range(len(cache.clips))])
    metrics = classification_metrics(np.stack(logits), truth, len(labels))
    metrics.pop("confusion")
    if sentences:
        metrics["sentences"] = _sentence_metrics(manifest, dataset, split, cache_dir, evaluator,
                                                 idle)
    return metrics


def _sentence_metrics(manifest, dataset, split, cache_dir, evaluator, idle) -> dict:
    records = [r for r in dataset.split(split) if len(r.signs) > 1]
    if not records:
        raise SystemExit(f"error: no sentence clips in split '{split}' of {dataset.source}")
    cache = FrameCache.build(records, cache_dir, manifest["input"]["height"], manifest["fps"])
    cfg = DecoderConfig(chunk=manifest["chunk_length"], **manifest["decoder"])
    stream = OnnxStream(evaluator, manifest["states"])
    return decoder_metrics(stream, cache, range(len(cache.clips)), idle, cfg)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--split", default="test", choices=["train", "val", "test"])
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "signstream")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--sentences", action="store_true",
                        help="also run the split's sentence clips through the manifest's word "
                             "decoder (WER)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    metrics = evaluate_folder(args.model_dir, args.data, args.split, args.cache, args.sentences)
    print(json.dumps(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
