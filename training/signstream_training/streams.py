"""Training on whole continuous clips: per-frame targets and length-bucketed batches.

The processor feeds a session's frames to the model from a zero state at the session's start and
reads the logits after the last frame of every chunk; the word decoder turns those readings into
words. Training asks the same question: every clip (a random sign sequence, a sentence, an
isolated sign with its rests, or an idle clip) runs whole from a zero state, and every frame (or
every chunk reading) is supervised. No window starts at an imitated decoder reset: the model has
bounded memory (``model.Memory.bounded``), so the middle of a 30-minute session looks to it like
the middle of a clip.

Two objectives, both read by the same decoder (``evaluate.decode_readings``):

* ``event``: per-frame cross-entropy. A sign's label is due once the sign is complete, on the
  ``event_frames`` frames from its last frame on (at least one chunk reading falls inside when
  ``event_frames`` >= the chunk length). Frames while a sign is being made, before its end, are the
  model-only class ``<signing>`` (appended after the corpus labels); rest is the idle class. A
  direct hand-over therefore still separates two words: the ``<signing>`` frames of the next sign
  lie between their events. ``<signing>`` is never a word: it tells the decoder where a sign began
  (the word's first-frame time, which the sink uses to find pauses between sentences) and gives
  the model a dense target on every frame.
* ``ctc``: connectionist temporal classification with the idle class as the blank, over the chunk
  readings (the frames the runtime reads: every ``chunk``-th frame, at a random phase per clip
  and step, so every frame position is trained), with the clip's sign sequence as the target.
"""

from __future__ import annotations

import dataclasses
from typing import List, Sequence, Tuple

import numpy as np
import torch
from torch.nn import functional as F

from .data import CachedClip, FrameCache

IGNORE = -100
OBJECTIVES = ("event", "ctc")
SIGNING_LABEL = "<signing>"


def model_labels(corpus_labels: Sequence[str]) -> List[str]:
    """The model's classes: the corpus labels, then ``<signing>``."""
    if SIGNING_LABEL in corpus_labels:
        raise ValueError(f"the corpus labels must not contain the model-only label {SIGNING_LABEL}")
    return list(corpus_labels) + [SIGNING_LABEL]


@dataclasses.dataclass(frozen=True)
class TargetConfig:
    event_frames: int = 10    # frames labelled with the sign from its last frame on
    event_margin: int = 2     # unsupervised frames after the event (its edge is fuzzy)


def event_targets(spans: Sequence[Tuple[int, int, int]], length: int, idle: int, signing: int,
                  cfg: TargetConfig = TargetConfig()) -> np.ndarray:
    """Per-frame targets [length] for one clip: ``signing`` from a sign's first frame to the
    frame before its last, the sign's label on frames ``end - 1`` to ``end - 2 + event_frames``
    (over the next sign's first frames after a hand-over), IGNORE on the ``event_margin`` rest
    frames after that, idle elsewhere. A later sign's event overrides an earlier one where they
    overlap (very fast signing)."""
    targets = np.full(length, idle, np.int64)
    for _, start, end in spans:
        targets[min(length, start):min(length, end - 1)] = signing
    for label, _, end in spans:
        first = min(length, end - 1)
        last = min(length, first + cfg.event_frames)
        margin = min(length, last + cfg.event_margin)
        targets[last:margin] = np.where(targets[last:margin] == idle, IGNORE,
                                        targets[last:margin])
        targets[first:last] = label
    return targets


def reading_frames(length: int, chunk: int, phase: int = 0) -> np.ndarray:
    """Frames whose logits a runtime reads when the stream is cut into chunks of ``chunk``
    frames starting at frame ``-phase``: every chunk's last frame, and the stream's last frame."""
    first = chunk - 1 - phase % chunk
    frames = list(range(first, length, chunk))
    if not frames or frames[-1] != length - 1:
        frames.append(length - 1)
    return np.array(frames, np.int64)


def ctc_loss(logits: torch.Tensor, lengths: Sequence[int], clips: Sequence[CachedClip],
             idle: int, chunk: int, rng: np.random.Generator) -> torch.Tensor:
    """CTC over chunk readings at a random phase per clip. logits [B, T, C] (float32)."""
    log_probs = F.log_softmax(logits, dim=2)
    picked, input_lengths, targets, target_lengths = [], [], [], []
    for b, (length, clip) in enumerate(zip(lengths, clips)):
        frames = reading_frames(length, chunk, int(rng.integers(chunk)))
        picked.append(log_probs[b, torch.from_numpy(frames)])
        input_lengths.append(len(frames))
        labels = [label for label, _, _ in clip.spans]
        targets.extend(labels)
        target_lengths.append(len(labels))
    steps = max(input_lengths)
    padded = torch.stack([F.pad(p, (0, 0, 0, steps - len(p))) for p in picked], dim=1)
    return F.ctc_loss(padded, torch.tensor(targets, dtype=torch.long),
                      torch.tensor(input_lengths), torch.tensor(target_lengths), blank=idle,
                      reduction="mean", zero_infinity=True)


class ClipBatcher:
    """Draws batches of whole clips of similar length, up to ``frame_budget`` padded frames per
    batch (short clips come many at a time, long sequences a few). Shorter clips of a batch are
    padded by repeating their last frame; padded frames carry no target."""

    def __init__(self, cache: FrameCache, idle: int, signing: int, frame_budget: int, seed: int,
                 targets: TargetConfig = TargetConfig()):
        if not cache.clips:
            raise ValueError("no clips to train on")
        self.cache, self.idle, self.signing = cache, idle, signing
        self.budget, self.targets = frame_budget, targets
        self.rng = np.random.default_rng(seed)
        self.by_length = sorted(range(len(cache.clips)), key=lambda i: cache.clips[i].length)
        longest = cache.clips[self.by_length[-1]].length
        if longest > frame_budget:
            raise ValueError(f"the longest clip has {longest} frames, more than the batch's "
                             f"frame budget {frame_budget}")

    def draw(self) -> List[int]:
        """Clip indexes of one batch: a random clip and its neighbours in length order."""
        pos = int(self.rng.integers(len(self.by_length)))
        lo = hi = pos
        longest = self.cache.clips[self.by_length[pos]].length
        while True:
            grow_up = hi + 1 < len(self.by_length) and (lo == 0 or self.rng.random() < 0.5)
            nxt = hi + 1 if grow_up else lo - 1
            if nxt < 0:
                break
            length = max(longest, self.cache.clips[self.by_length[nxt]].length)
            if length * (hi - lo + 2) > self.budget:
                break
            longest = length
            lo, hi = min(lo, nxt), max(hi, nxt)
        chosen = [self.by_length[i] for i in range(lo, hi + 1)]
        self.rng.shuffle(chosen)
        return chosen

    def batch(self) -> Tuple[torch.Tensor, torch.Tensor, List[int], List[int]]:
        """uint8 frames [B, T, S, S, 3], event targets [B, T], clip lengths, clip indexes."""
        chosen = self.draw()
        clips = [self.cache.clips[i] for i in chosen]
        steps = max(c.length for c in clips)
        size = self.cache.frames.shape[1]
        frames = np.empty((len(clips), steps, size, size, 3), np.uint8)
        targets = np.full((len(clips), steps), IGNORE, np.int64)
        for b, clip in enumerate(clips):
            data = self.cache.clip_frames(clip)
            frames[b, :clip.length] = data
            frames[b, clip.length:] = data[-1]
            targets[b, :clip.length] = event_targets(clip.spans, clip.length, self.idle,
                                                     self.signing, self.targets)
        return (torch.from_numpy(frames), torch.from_numpy(targets),
                [c.length for c in clips], chosen)
