"""Tiny synthetic corpora in the corpus format, for tests and smoke runs.

A "sign" is a bright disc that leaves a rest position at the bottom of the frame, draws a
class-specific path and returns to rest; idle clips keep the disc at rest with a little jitter.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import List

import cv2
import numpy as np

from .data import IDLE_LABEL

GLOSSES = ["원", "선", "점"]


def _path(label: int, phase: float) -> tuple:
    """Disc position (x, y) in [0, 1] at phase in [0, 1] of sign `label`."""
    if label == 1:    # circle
        a = 2 * math.pi * phase
        return 0.5 + 0.25 * math.sin(a), 0.45 - 0.25 * math.cos(a) * 0.8
    if label == 2:    # left-right line
        return 0.2 + 0.6 * phase, 0.35
    return 0.5, 0.8 - 0.5 * math.sin(math.pi * phase)  # up and down


def _frame(size: int, x: float, y: float, colour, rng) -> np.ndarray:
    img = np.full((size, size, 3), 40, np.uint8)
    img[:] = (40 + rng.integers(0, 6, 3)).astype(np.uint8)
    cv2.circle(img, (int(x * size), int(y * size)), max(2, size // 10), colour, -1)
    return img


def write_video(path: Path, frames: List[np.ndarray], fps: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    h, w = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (w, h))
    if not writer.isOpened():
        raise RuntimeError(f"cannot write {path}")
    for f in frames:
        writer.write(cv2.cvtColor(f, cv2.COLOR_RGB2BGR))
    writer.release()


def make_corpus(root: Path, per_sign: int = 2, size: int = 64, fps: float = 15.0,
                seed: int = 0, sentences: int = 1) -> Path:
    """Writes labels.json, manifest.jsonl and mp4 clips for splits train/val/test."""
    rng = np.random.default_rng(seed)
    labels = [IDLE_LABEL] + GLOSSES
    root.mkdir(parents=True, exist_ok=True)
    (root / "labels.json").write_text(json.dumps(labels, ensure_ascii=False), encoding="utf-8")
    lines = []
    rest = (0.5, 0.85)
    for split in ("train", "val", "test"):
        for n in range(per_sign):
            signer = f"{split}-s{n:04d}"
            colour = tuple(int(c) for c in rng.integers(150, 256, 3))
            for label in range(1, len(labels)):
                pre, length, post = int(rng.integers(4, 9)), int(rng.integers(10, 15)), 6
                frames = [_frame(size, *rest, colour, rng) for _ in range(pre)]
                frames += [_frame(size, *_path(label, i / (length - 1)), colour, rng)
                           for i in range(length)]
                frames += [_frame(size, *rest, colour, rng) for _ in range(post)]
                gloss = labels[label]
                file = f"{split}/{gloss}/{signer}-{n:03d}.mp4"
                write_video(root / file, frames, fps)
                lines.append({"file": file, "split": split, "kind": "sign", "glosses": [gloss],
                              "sentence_id": None, "text": gloss, "signer": signer, "fps": fps,
                              "width": size, "height": size, "frames": len(frames),
                              "signs": [{"gloss": gloss, "label": label, "start": pre,
                                         "end": pre + length}]})
            frames = [_frame(size, *rest, colour, rng) for _ in range(20)]
            file = f"{split}/{IDLE_LABEL}/{signer}-{n:03d}.mp4"
            write_video(root / file, frames, fps)
            lines.append({"file": file, "split": split, "kind": "idle", "glosses": [],
                          "sentence_id": None, "text": "", "signer": signer, "fps": fps,
                          "width": size, "height": size, "frames": len(frames), "signs": []})
        for n in range(sentences):
            signer = f"{split}-s{n:04d}"
            colour = tuple(int(c) for c in rng.integers(150, 256, 3))
            order = [int(x) for x in rng.permutation(np.arange(1, len(labels)))]
            frames, signs = [_frame(size, *rest, colour, rng) for _ in range(5)], []
            for label in order:
                length = int(rng.integers(10, 15))
                signs.append({"gloss": labels[label], "label": label, "start": len(frames),
                              "end": len(frames) + length})
                frames += [_frame(size, *_path(label, i / (length - 1)), colour, rng)
                           for i in range(length)]
                frames += [_frame(size, *rest, colour, rng) for _ in range(8)]
            file = f"{split}/_sentences/{signer}-sent{n:03d}.mp4"
            write_video(root / file, frames, fps)
            glosses = [labels[i] for i in order]
            lines.append({"file": file, "split": split, "kind": "sentence", "glosses": glosses,
                          "sentence_id": n, "text": " ".join(glosses), "signer": signer,
                          "fps": fps, "width": size, "height": size, "frames": len(frames),
                          "signs": signs})
    with (root / "manifest.jsonl").open("w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    return root
