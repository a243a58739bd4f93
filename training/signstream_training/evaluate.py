"""Held-out evaluation the way the runtime decodes: chunk readings and the word decoder.

The Java runtime steps a session chunk by chunk from a zero state and reads the logits after each
chunk's last frame (and after the session's last frame). The model is causal and streams exactly,
so running a whole clip once and picking the logits at those frames gives the same readings
(checked at export). ``decode_readings`` is the word decoder the manifest recommends, the same
rule as ``inference/.../decoder/WordDecoder.java`` (``kind: "peak"``):

* a reading is *confident* for sign c when c is the most probable class other than the idle
  and ``<signing>`` classes and its probability is >= ``min_confidence``;
* a confident reading emits c unless the previous reading was confident for c too (one word per
  run of readings; a run ends at a reading that is not confident for c);
* nothing is reset: the model's memory is bounded, the decoder keeps only the previous reading's
  class.

Metrics: word error rate over sentence and sequence clips (reported per kind), the share of
exactly right clips, delay of each word after its sign's last frame in exactly decoded clips,
and on isolated clips the classification of the decoder's most confident word (no word = idle).
"""

from __future__ import annotations

import dataclasses
from typing import Dict, List, Sequence

import numpy as np
import torch

from .augment import to_float
from .data import FrameCache
from .model import MovinetStream
from .streams import reading_frames


@dataclasses.dataclass(frozen=True)
class DecoderConfig:
    chunk: int = 8
    min_confidence: float = 0.5


@dataclasses.dataclass
class DecodedWord:
    label: int
    confidence: float
    frame: int             # the reading's frame (the last frame of its chunk)
    probs: np.ndarray      # the reading's probabilities (for top-5)


def decode_readings(probs: np.ndarray, frames: Sequence[int], idle: int,
                    cfg: DecoderConfig, signing: int | None = None) -> List[DecodedWord]:
    """probs [R, C] at reading ``frames`` -> words. ``signing`` (default: the last class) is
    never a word either."""
    signing = probs.shape[1] - 1 if signing is None else signing
    words: List[DecodedWord] = []
    previous = None
    for p, frame in zip(probs, frames):
        signs = p.copy()
        signs[idle] = -1.0
        signs[signing] = -1.0
        best = int(signs.argmax())
        if p[best] >= cfg.min_confidence:
            if best != previous:
                words.append(DecodedWord(best, float(p[best]), int(frame), p))
            previous = best
        else:
            previous = None
    return words


@dataclasses.dataclass
class Readings:
    """What the runtime reads of one clip: the frames it reads after, and the probabilities there."""
    frames: np.ndarray   # [R]
    probs: np.ndarray    # [R, C]


@torch.no_grad()
def clip_readings(model: MovinetStream, cache: FrameCache, indices: Sequence[int], chunk: int = 8,
                  frame_budget: int = 2048) -> Dict[int, Readings]:
    """Runs each clip whole from a zero state (clips of equal length share a batch) and keeps the
    probabilities at the runtime's reading frames."""
    model.eval()
    out: Dict[int, Readings] = {}
    by_length: Dict[int, List[int]] = {}
    for i in indices:
        by_length.setdefault(cache.clips[i].length, []).append(i)
    for length, group in by_length.items():
        frames_read = reading_frames(length, chunk)
        per_batch = max(1, frame_budget // length)
        for s in range(0, len(group), per_batch):
            part = group[s:s + per_batch]
            frames = torch.from_numpy(np.stack(
                [cache.clip_frames(cache.clips[i]) for i in part]))
            logits, _ = model(to_float(frames))
            probs = torch.softmax(logits[:, torch.from_numpy(frames_read)], dim=2).numpy()
            for i, row in zip(part, probs):
                out[i] = Readings(frames_read, row)
    return out


def edit_distance(a: Sequence[int], b: Sequence[int]) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def kind_of(cache: FrameCache, i: int) -> str:
    return cache.clips[i].record.kind


def evaluate(readings: Dict[int, Readings], cache: FrameCache, idle: int, classes: int,
             cfg: DecoderConfig, fps: float) -> Dict:
    """Every metric over the clips in ``readings`` (see the module docstring). The last class is
    ``<signing>``."""
    signing = classes - 1
    per_kind: Dict[str, Dict] = {}
    delays: List[float] = []
    labels, ranked = [], []
    for i, r in readings.items():
        clip = cache.clips[i]
        kind = clip.record.kind
        words = decode_readings(r.probs, r.frames, idle, cfg, signing)
        if kind in ("sign", "idle"):
            # As the Java evaluation ranks it: the most confident word (none: idle), then the
            # other classes by their peak probability over the clip, idle and <signing> last.
            truth = clip.spans[0][0] if clip.spans else idle
            best = max(words, key=lambda w: w.confidence, default=None)
            scores = r.probs.max(axis=0).astype(np.float32)
            scores[[idle, signing]] = -1.0
            scores[idle if best is None else best.label] = 2.0
            order = [int(c) for c in np.argsort(-scores, kind="stable")]
            labels.append(truth)
            ranked.append(order[:5])
            stats = per_kind.setdefault("isolated", {"clips": 0, "multi_word": 0, "no_word": 0})
            stats["clips"] += 1
            stats["multi_word"] += len(words) > 1
            stats["no_word"] += kind == "sign" and not words
            if kind == "sign" and len(words) == 1 and words[0].label == truth:
                delays.append((words[0].frame - (clip.spans[0][2] - 1)) * 1000.0 / fps)
            continue
        truth = [label for label, _, _ in clip.spans]
        got = [w.label for w in words]
        stats = per_kind.setdefault(kind, {"clips": 0, "words": 0, "errors": 0, "exact": 0})
        errors = edit_distance(truth, got)
        stats["clips"] += 1
        stats["words"] += len(truth)
        stats["errors"] += errors
        stats["exact"] += errors == 0
        if errors == 0:
            delays.extend((w.frame - (end - 1)) * 1000.0 / fps
                          for w, (_, _, end) in zip(words, clip.spans))
    result: Dict = {"config": dataclasses.asdict(cfg)}
    if labels:
        labels_a = np.array(labels)
        top = np.array(ranked)
        result["isolated"] = {
            **per_kind["isolated"],
            "top1": float((top[:, 0] == labels_a).mean()),
            "top5": float((top == labels_a[:, None]).any(axis=1).mean()),
            "macro_f1": macro_f1(labels_a, top[:, 0], classes),
            "confusion": confusion(labels_a, top[:, 0], classes),
        }
    words_all = errors_all = 0
    for kind in ("sentence", "sequence"):
        if kind in per_kind:
            s = per_kind[kind]
            result[kind] = {"clips": s["clips"], "words": s["words"],
                            "wer": s["errors"] / max(1, s["words"]),
                            "exact": s["exact"] / max(1, s["clips"])}
            words_all += s["words"]
            errors_all += s["errors"]
    result["wer"] = errors_all / words_all if words_all else None
    result["delay_ms"] = ({"median": float(np.median(delays)),
                           "p95": float(np.percentile(delays, 95)), "words": len(delays)}
                          if delays else None)
    return result


def confusion(labels: np.ndarray, pred: np.ndarray, classes: int) -> np.ndarray:
    matrix = np.zeros((classes, classes), np.int64)
    np.add.at(matrix, (labels, pred), 1)
    return matrix


def macro_f1(labels: np.ndarray, pred: np.ndarray, classes: int) -> float:
    matrix = confusion(labels, pred, classes)
    f1s = []
    for c in range(classes):
        if matrix[c].sum() == 0:
            continue  # a class absent from the split does not count in the macro average
        tp = matrix[c, c]
        precision = tp / max(1, matrix[:, c].sum())
        recall = tp / matrix[c].sum()
        f1s.append(0.0 if tp == 0 else 2 * precision * recall / (precision + recall))
    return float(np.mean(f1s))


def tune(readings: Dict[int, Readings], cache: FrameCache, idle: int, classes: int, fps: float,
         chunk: int = 8, grid: Sequence[float] = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)) -> Dict:
    """The decoder threshold with the lowest combined error on (validation) clips: WER over
    sentences and sequences plus the isolated clips' top-1 error; ties go to the lower
    threshold (earlier words)."""
    best = None
    for conf in grid:
        m = evaluate(readings, cache, idle, classes, DecoderConfig(chunk, conf), fps)
        score = (m["wer"] or 0.0) + (1 - m["isolated"]["top1"] if "isolated" in m else 0.0)
        if best is None or score < best[0] - 1e-9:
            best = (score, m)
    return best[1]
