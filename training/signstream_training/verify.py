"""Checks that an exported stream model is causal and streams exactly.

Whole clip = chunks of 8 = frame by frame, each run through the exported ONNX graph (with the
torch-backed evaluator), compared with the PyTorch model's per-frame logits at every chunk end.
"""

from __future__ import annotations

import logging
from typing import Dict, List

import numpy as np
import onnx
import torch

from .export import input_names
from .model import KIND_STREAM, MovinetStream
from .onnx_eval import OnnxTorchEvaluator

log = logging.getLogger(__name__)
TOLERANCE = 1e-4


def zero_state(model: MovinetStream, batch: int) -> Dict[str, np.ndarray]:
    return {name: np.zeros([batch] + shape, np.float32)
            for name, shape, _ in model.state_layout()}


def run_chunks(evaluator: OnnxTorchEvaluator, model: MovinetStream, clip: np.ndarray,
               chunk: int, fp16_buffers: bool = False) -> List[np.ndarray]:
    """Feeds ``clip`` [B, T, H, W, 3] in chunks, carrying the state; returns each chunk's
    logits. With ``fp16_buffers`` the stream buffers are rounded to float16 between calls, as
    the session store keeps them."""
    names = input_names(model)[1:]
    kinds = {name: kind for name, _, kind in model.state_layout()}
    state = zero_state(model, clip.shape[0])
    outputs = []
    for start in range(0, clip.shape[1], chunk):
        feeds = {"image": clip[:, start:start + chunk], **state}
        result = evaluator.run(feeds)
        outputs.append(result["logits"])
        state = {name: result[f"{name}_out"] for name in names}
        if fp16_buffers:
            state = {name: value.astype(np.float16).astype(np.float32)
                     if kinds[name] == KIND_STREAM else value for name, value in state.items()}
    return outputs


def verify_streaming(model: MovinetStream, onnx_bytes: bytes, frames: int = 24,
                     batch: int = 3, seed: int = 0, chunk: int = 8) -> Dict[str, float]:
    """Returns the largest |logit difference| of each comparison and raises if any exceeds
    the tolerance (1e-4)."""
    model = model.eval()
    evaluator = OnnxTorchEvaluator(onnx.load_from_string(onnx_bytes))
    size = model.arch.input_size
    rng = np.random.default_rng(seed)
    clip = rng.random((batch, frames, size, size, 3), dtype=np.float32)
    with torch.no_grad():
        reference, _ = model(torch.from_numpy(clip))
    reference = reference.numpy()
    whole = run_chunks(evaluator, model, clip, frames)[-1]
    chunked = run_chunks(evaluator, model, clip, chunk)
    single = run_chunks(evaluator, model, clip, 1)
    chunk_ends = [min(frames, s + chunk) - 1 for s in range(0, frames, chunk)]
    diffs = {
        "torch_vs_onnx_whole": float(np.abs(reference[:, -1] - whole).max()),
        "whole_vs_chunks": float(np.abs(whole - chunked[-1]).max()),
        "whole_vs_frames": float(np.abs(whole - single[-1]).max()),
        "torch_vs_onnx_every_chunk": float(max(
            np.abs(reference[:, t] - out).max() for t, out in zip(chunk_ends, chunked))),
        "torch_vs_onnx_every_frame": float(max(
            np.abs(reference[:, t] - out).max() for t, out in enumerate(single))),
        "logit_scale": float(np.abs(reference).max()),
    }
    bad = {k: v for k, v in diffs.items() if k != "logit_scale" and not v <= TOLERANCE}
    log.info("streaming check: %s", diffs)
    if bad:
        raise AssertionError(f"streaming check failed (tolerance {TOLERANCE}): {bad}")
    return diffs
