"""Held-out evaluation: clip classification metrics and a streaming word-decoder simulation.

Clip metrics (the model card's top-1 / top-5 / macro-F1): every isolated sign clip and idle clip
is run from a zero state; the clip's prediction is the logits after its last frame. Because the
model is causal and streams exactly, this equals feeding the clip in chunks of 8 and taking the
last chunk's logits, which is how the Java runtime reproduces the numbers.

The decoder simulation runs sentence clips in chunks of 8 with the word decoder recommended to
the Java side (``DecoderConfig``), resetting the model state after every emitted word.
"""

from __future__ import annotations

import dataclasses
from typing import Dict, List, Optional, Sequence

import numpy as np
import torch

from .data import FrameCache
from .model import MovinetStream
from .windows import to_float


@torch.no_grad()
def clip_logits(model: MovinetStream, cache: FrameCache, indices: Sequence[int],
                batch: int = 16) -> np.ndarray:
    """Logits after the last frame of each clip, [N, classes]; clips of equal length share a
    batch."""
    model.eval()
    out: Dict[int, np.ndarray] = {}
    by_length: Dict[int, List[int]] = {}
    for i in indices:
        by_length.setdefault(cache.clips[i].length, []).append(i)
    for group in by_length.values():
        for s in range(0, len(group), batch):
            part = group[s:s + batch]
            frames = torch.from_numpy(np.stack(
                [cache.clip_frames(cache.clips[i]) for i in part]))
            logits, _ = model(to_float(frames))
            for i, row in zip(part, logits[:, -1].numpy()):
                out[i] = row
    return np.stack([out[i] for i in indices])


def clip_label(cache: FrameCache, i: int, idle: int) -> int:
    spans = cache.clips[i].spans
    if len(spans) > 1:
        raise ValueError("a clip with several signs has no single label")
    return spans[0][0] if spans else idle


def classification_metrics(logits: np.ndarray, labels: np.ndarray, classes: int) -> Dict:
    top5 = np.argsort(-logits, axis=1)[:, :5]
    pred = top5[:, 0]
    confusion = np.zeros((classes, classes), np.int64)
    np.add.at(confusion, (labels, pred), 1)
    f1s = []
    for c in range(classes):
        if confusion[c].sum() == 0:
            continue  # a class absent from the split does not count in the macro average
        tp = confusion[c, c]
        precision = tp / max(1, confusion[:, c].sum())
        recall = tp / confusion[c].sum()
        f1s.append(0.0 if tp == 0 else 2 * precision * recall / (precision + recall))
    return {
        "clips": int(len(labels)),
        "top1": float((pred == labels).mean()),
        "top5": float((top5 == labels[:, None]).any(axis=1).mean()),
        "macro_f1": float(np.mean(f1s)),
        "confusion": confusion,
    }


# --------------------------------------------------------------------------- decoder
@dataclasses.dataclass(frozen=True)
class DecoderConfig:
    """The word decoder recommended to the runtime (per chunk of ``chunk`` frames):

    * a chunk is *confident* for sign c when c is the best non-idle class and its softmax
      probability is >= ``min_confidence``;
    * after ``stable_chunks`` consecutive confident chunks for the same sign, emit it and reset
      the model state;
    * while the idle class has probability >= ``idle_confidence`` for ``idle_reset_chunks``
      chunks in a row, reset the model state without emitting (keeps the cumulative pools from
      filling with minutes of rest);
    * at the end of the stream, a sign confident in the last chunk is emitted.
    """
    chunk: int = 8
    min_confidence: float = 0.6
    stable_chunks: int = 2
    idle_confidence: float = 0.9
    idle_reset_chunks: int = 2


@dataclasses.dataclass
class DecodedWord:
    label: int
    confidence: float
    frame: int  # the last frame of the chunk that completed the word


@torch.no_grad()
def decode_stream(model: MovinetStream, frames: np.ndarray, idle: int,
                  cfg: DecoderConfig) -> List[DecodedWord]:
    """Runs one clip [T, S, S, 3] uint8 through the model in chunks with the decoder."""
    model.eval()
    state = model.initial_state(1)
    words: List[DecodedWord] = []
    candidate: Optional[int] = None
    streak = 0
    idle_streak = 0
    last_conf = 0.0
    for start in range(0, len(frames), cfg.chunk):
        chunk = to_float(torch.from_numpy(np.array(frames[start:start + cfg.chunk])))
        logits, state = model(chunk[None], state)
        p = torch.softmax(logits[0, -1], 0).numpy()
        end_frame = start + len(chunk) - 1
        signs = p.copy()
        signs[idle] = -1.0
        best = int(signs.argmax())
        if p[best] >= cfg.min_confidence:
            streak = streak + 1 if best == candidate else 1
            candidate, last_conf = best, float(p[best])
            idle_streak = 0
            if streak >= cfg.stable_chunks:
                words.append(DecodedWord(best, float(p[best]), end_frame))
                state, candidate, streak = model.initial_state(1), None, 0
            continue
        candidate, streak = None, 0
        idle_streak = idle_streak + 1 if p[idle] >= cfg.idle_confidence else 0
        if idle_streak >= cfg.idle_reset_chunks:
            state, idle_streak = model.initial_state(1), 0
    if candidate is not None and streak > 0:
        words.append(DecodedWord(candidate, last_conf, len(frames) - 1))
    return words


def edit_distance(a: Sequence[int], b: Sequence[int]) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def decoder_metrics(model: MovinetStream, cache: FrameCache, indices: Sequence[int], idle: int,
                    cfg: DecoderConfig) -> Dict:
    """Word error rate, exact-sequence rate and emission delay after the sign's end."""
    errors = words = exact = 0
    delays = []
    for i in indices:
        clip = cache.clips[i]
        truth = [label for label, _, _ in clip.spans]
        got = decode_stream(model, cache.clip_frames(clip), idle, cfg)
        labels = [w.label for w in got]
        errors += edit_distance(truth, labels)
        words += len(truth)
        exact += labels == truth
        if labels == truth:
            delays.extend(w.frame - (end - 1) for w, (_, _, end) in zip(got, clip.spans))
    return {
        "clips": len(indices),
        "words": words,
        "wer": errors / max(1, words),
        "exact": exact / max(1, len(indices)),
        "median_delay_frames": float(np.median(delays)) if delays else None,
        "config": dataclasses.asdict(cfg),
    }
