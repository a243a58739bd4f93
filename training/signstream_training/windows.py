"""Training windows with per-frame targets, and clip augmentation.

A window imitates what the stream model sees between two state resets of the word decoder, so
every window starts at a plausible reset point and every frame gets the target a cumulative
"what has been signed since the reset" classifier should give:

* ``full`` window (reset in the rest before sign k): idle until 30 % of the sign has been seen,
  no loss from 30 % to 70 % (too early to tell, but no reason to call it idle), sign k from 70 %
  on, including the rest frames after the sign (the pooled average still holds it);
* ``late`` window (reset in the first quarter of sign k): the same, the sign is still
  recognisable;
* ``tail`` window (reset after half of sign k, e.g. after the decoder emitted it): idle, so a
  sign's leftover never becomes a second word;
* ``idle`` window (an idle clip): idle.

Some full windows start before the clip (its first frame repeated) to imitate a longer rest
before the sign than the corpus clips have.

Frames at or after the start of the next sign get no loss: by then the decoder should have
reset. Windows that run past the end of a clip repeat its last (rest) frame.
"""

from __future__ import annotations

import dataclasses
import math
from typing import List, Tuple

import cv2
import numpy as np
import torch

from .data import CachedClip, FrameCache

IGNORE = -100


@dataclasses.dataclass(frozen=True)
class WindowConfig:
    length: int = 32
    seen_idle: float = 0.3
    seen_sign: float = 0.7
    late_max: float = 0.25
    tail_min: float = 0.5
    p_late: float = 0.10
    p_tail: float = 0.15
    p_idle_clip: float = 0.12
    speed: Tuple[float, float] = (0.8, 1.25)
    p_long_rest: float = 0.2
    long_rest: float = 14.0


@dataclasses.dataclass(frozen=True)
class Window:
    clip: int
    positions: np.ndarray  # source frame index of every window frame (clamped to the clip)
    targets: np.ndarray    # class id or IGNORE per window frame


def sign_targets(positions: np.ndarray, spans, k: int, idle: int, mode: str,
                 cfg: WindowConfig) -> np.ndarray:
    """Targets for a window built around sign ``k`` of a clip (see the module docstring)."""
    label, start, end = spans[k]
    length = end - start
    next_start = spans[k + 1][1] if k + 1 < len(spans) else math.inf
    targets = np.full(len(positions), idle, np.int64)
    if mode in ("full", "late"):
        targets[positions >= start + cfg.seen_idle * length] = IGNORE
        targets[positions >= start + cfg.seen_sign * length] = label
    elif mode != "tail":
        raise ValueError(f"unknown window mode {mode}")
    targets[positions >= next_start] = IGNORE
    return targets


class WindowSampler:
    """Draws random windows from a frame cache."""

    def __init__(self, cache: FrameCache, idle: int, cfg: WindowConfig, seed: int):
        self.cache = cache
        self.idle = idle
        self.cfg = cfg
        self.rng = np.random.default_rng(seed)
        self.sign_items = [(i, k) for i, c in enumerate(cache.clips) for k in range(len(c.spans))]
        self.idle_items = [i for i, c in enumerate(cache.clips) if not c.spans]
        if not self.sign_items:
            raise ValueError("no sign clips to train on")

    def sample(self) -> Window:
        cfg, rng = self.cfg, self.rng
        speed = rng.uniform(*cfg.speed)
        steps = np.arange(cfg.length) * speed
        if self.idle_items and rng.random() < cfg.p_idle_clip:
            i = self.idle_items[rng.integers(len(self.idle_items))]
            clip = self.cache.clips[i]
            first = rng.uniform(0, max(0.0, clip.length - 1 - steps[-1]) + 1e-9)
            positions = self._positions(clip, first + steps)
            return Window(i, positions, np.full(cfg.length, self.idle, np.int64))
        i, k = self.sign_items[rng.integers(len(self.sign_items))]
        clip = self.cache.clips[i]
        _, start, end = clip.spans[k]
        length = end - start
        draw = rng.random()
        if draw < cfg.p_tail:
            mode, first = "tail", rng.uniform(start + cfg.tail_min * length, end)
        elif draw < cfg.p_tail + cfg.p_late:
            mode, first = "late", rng.uniform(start, start + cfg.late_max * length)
        else:
            prev_end = clip.spans[k - 1][2] if k > 0 else 0
            # Prefer windows that reach a little past the sign's end.
            lo = max(prev_end, min(start - 1, end + 2 - steps[-1]))
            if k == 0 and rng.random() < cfg.p_long_rest:
                # A longer rest than the clip has (the decoder may reset long before a sign):
                # positions below 0 repeat the clip's first frame.
                lo = -rng.uniform(0, cfg.long_rest)
            mode, first = "full", rng.uniform(lo, max(lo, start - 1) + 1e-9)
        raw = first + steps
        positions = self._positions(clip, raw)
        targets = sign_targets(np.floor(raw), clip.spans, k, self.idle, mode, cfg)
        return Window(i, positions, targets)

    @staticmethod
    def _positions(clip: CachedClip, raw: np.ndarray) -> np.ndarray:
        return np.clip(np.floor(raw).astype(np.int64), 0, clip.length - 1)

    def batch(self, size: int) -> Tuple[torch.Tensor, torch.Tensor]:
        """uint8 frames [B, T, S, S, 3] and targets [B, T]."""
        windows = [self.sample() for _ in range(size)]
        frames = np.stack([self.cache.clip_frames(self.cache.clips[w.clip])[w.positions]
                           for w in windows])
        targets = np.stack([w.targets for w in windows])
        return torch.from_numpy(frames), torch.from_numpy(targets)


def augment_clip(frames: np.ndarray, rng: np.random.Generator, hflip: float = 0.0
                 ) -> np.ndarray:
    """uint8 [T, S, S, 3] -> uint8 [T, S, S, 3] with one random affine warp (scale, shift,
    small rotation), one colour jitter (brightness, contrast, per-channel gain) and, with
    probability ``hflip``, a left-right mirror, all the same for the whole clip.

    The mirror keeps the label: signs are defined relative to the signer's dominant side, and a
    left-handed signer performs them mirrored (the synthetic signer draws a left-handed signer
    as the mirror image of a right-handed one; sign languages treat left-handed signing the
    same way). Motion direction within the picture is reversed, direction relative to the
    dominant hand is not. OpenCV on uint8 keeps this far cheaper than the training step."""
    t, h, w, _ = frames.shape
    scale = rng.uniform(0.88, 1.12)
    angle = rng.uniform(-5.0, 5.0)
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, scale)
    matrix[:, 2] += rng.uniform(-0.08, 0.08, 2) * (w, h)
    if rng.random() < hflip:
        # x' = (w - 1) - x applied before the warp: negate the x column, shift by w - 1.
        matrix[:, 2] += matrix[:, 0] * (w - 1)
        matrix[:, 0] = -matrix[:, 0]
    contrast = rng.uniform(0.85, 1.15)
    brightness = rng.uniform(-20, 20)
    gains = rng.uniform(0.95, 1.05, 3)
    levels = np.arange(256, dtype=np.float32)
    table = np.stack([np.clip((levels - 128) * contrast * g + 128 + brightness, 0, 255)
                      for g in gains], axis=1).astype(np.uint8).reshape(256, 1, 3)
    out = np.empty_like(frames)
    for i in range(t):
        warped = cv2.warpAffine(frames[i], matrix, (w, h), flags=cv2.INTER_LINEAR,
                                borderMode=cv2.BORDER_REPLICATE)
        out[i] = cv2.LUT(warped, table)
    return out


def augment(frames: torch.Tensor, rng: np.random.Generator, hflip: float = 0.0
            ) -> torch.Tensor:
    """uint8 [B, T, S, S, 3] -> float [B, T, S, S, 3] in [0, 1], each clip augmented."""
    clips = np.stack([augment_clip(clip, rng, hflip) for clip in frames.numpy()])
    return to_float(torch.from_numpy(clips))


def to_float(frames: torch.Tensor) -> torch.Tensor:
    """uint8 -> float in [0, 1], no augmentation."""
    return frames.float().div_(255.0)


def window_modes_histogram(sampler: WindowSampler, n: int) -> List[int]:
    """Counts of idle / sign / ignored targets over n windows (for logging)."""
    counts = np.zeros(3, np.int64)
    for _ in range(n):
        t = sampler.sample().targets
        counts += [(t == sampler.idle).sum(), ((t != sampler.idle) & (t != IGNORE)).sum(),
                   (t == IGNORE).sum()]
    return counts.tolist()
