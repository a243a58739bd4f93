"""Clip augmentation for training: one random affine warp, colour jitter and optional left-right
mirror per clip, on uint8 frames with OpenCV (far cheaper than the training step)."""

from __future__ import annotations

import cv2
import numpy as np
import torch


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
