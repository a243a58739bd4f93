"""Clip readers (our corpus manifest and the AI Hub layout), frame sampling and a uint8 cache.

Sampling follows the student project's ``frames_from_video_file``: keep every ``step``-th frame
(``step = round(source fps / target fps)``, so 2 for a 30 fps camera at the 15 fps the model is
trained for), resize with padding to a square, BGR -> RGB. Frames are kept as uint8 in the cache
and scaled to [0, 1] only when a batch is built, so epochs never decode video again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import cv2
import numpy as np

log = logging.getLogger(__name__)

IDLE_LABEL = "<idle>"
SPLITS = ("train", "val", "test")


@dataclasses.dataclass(frozen=True)
class Sign:
    label: int
    start: int  # first frame of the sign, in source frames
    end: int    # one past the last frame, in source frames


@dataclasses.dataclass(frozen=True)
class ClipRecord:
    path: Path
    split: str
    kind: str          # "sign", "idle" or "sentence"
    signer: str
    fps: float
    signs: Tuple[Sign, ...]


@dataclasses.dataclass
class Dataset:
    labels: List[str]
    idle: int
    clips: List[ClipRecord]
    source: str

    def split(self, name: str) -> List[ClipRecord]:
        return [c for c in self.clips if c.split == name]


class DataError(ValueError):
    """A data folder or manifest that cannot be read as promised."""


# --------------------------------------------------------------------------- corpus manifest
def read_corpus(root: Path) -> Dataset:
    """Reads ``root/labels.json`` and ``root/manifest.jsonl`` (docs/corpus-format.md)."""
    labels = _read_labels(root / "labels.json")
    if IDLE_LABEL not in labels:
        raise DataError(f"{root / 'labels.json'}: no '{IDLE_LABEL}' label")
    manifest = root / "manifest.jsonl"
    if not manifest.is_file():
        raise DataError(f"{manifest}: not found")
    clips = []
    for number, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{manifest}:{number}"
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as e:
            raise DataError(f"{where}: not JSON ({e})") from e
        clips.append(_clip_from_entry(root, entry, labels, where))
    if not clips:
        raise DataError(f"{manifest}: no clips")
    return Dataset(labels, labels.index(IDLE_LABEL), clips, str(root))


def _read_labels(path: Path) -> List[str]:
    if not path.is_file():
        raise DataError(f"{path}: not found")
    labels = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        raise DataError(f"{path}: expected a JSON array of strings")
    if len(set(labels)) != len(labels):
        raise DataError(f"{path}: duplicate labels")
    return labels


def _clip_from_entry(root: Path, entry: Dict, labels: List[str], where: str) -> ClipRecord:
    for key in ("file", "split", "kind", "fps", "signs"):
        if key not in entry:
            raise DataError(f"{where}: missing '{key}'")
    kind = entry["kind"]
    if kind not in ("sign", "idle", "sentence", "sequence"):
        raise DataError(f"{where}: unknown kind '{kind}'")
    if entry["split"] not in SPLITS:
        raise DataError(f"{where}: unknown split '{entry['split']}'")
    signs = []
    for s in entry["signs"]:
        label = s.get("label")
        if not isinstance(label, int) or not 0 <= label < len(labels):
            raise DataError(f"{where}: sign label {label!r} outside 0..{len(labels) - 1}")
        if "gloss" in s and labels[label] != s["gloss"]:
            raise DataError(f"{where}: label {label} is '{labels[label]}', gloss says '{s['gloss']}'")
        if not 0 <= s["start"] < s["end"]:
            raise DataError(f"{where}: bad sign range {s['start']}..{s['end']}")
        signs.append(Sign(label, int(s["start"]), int(s["end"])))
    if kind == "idle" and signs:
        raise DataError(f"{where}: an idle clip with signs")
    if kind != "idle" and not signs:
        raise DataError(f"{where}: a {kind} clip without signs")
    if sorted(signs, key=lambda x: x.start) != signs:
        raise DataError(f"{where}: signs out of order")
    path = root / entry["file"]
    return ClipRecord(path, entry["split"], kind, str(entry.get("signer", "")),
                      float(entry["fps"]), tuple(signs))


# --------------------------------------------------------------------------- AI Hub layout
def read_aihub(root: Path, dictionary: Path, seed: int = 0,
               fractions: Tuple[float, float] = (0.8, 0.1)) -> Dataset:
    """Reads ``root/<class>/*.mp4`` with a label dictionary JSON.

    The dictionary maps class ids to words (``{"0": "병원", ...}``), words to ids, or is a list
    of words. A class folder is named by its id or by its word. An ``<idle>`` folder, if present,
    holds idle clips; the idle label is always class 0. The clips carry no sign boundaries, so
    the whole clip counts as the sign. Files are split train/val/test by a hash of their name
    (AI Hub gives no signer ids here, so the split is by clip, not by signer).
    """
    words = _read_dictionary(dictionary)
    labels = [IDLE_LABEL] + [w for w in words.values() if w != IDLE_LABEL]
    if not root.is_dir():
        raise DataError(f"{root}: not a folder")
    clips = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if folder.name == IDLE_LABEL:
            label = None
        elif folder.name in words:
            label = labels.index(words[folder.name])
        elif folder.name in labels:
            label = labels.index(folder.name)
        else:
            raise DataError(f"{folder}: class folder not in the dictionary {dictionary}")
        files = sorted(folder.glob("*.mp4"))
        if not files:
            raise DataError(f"{folder}: no .mp4 files")
        for path in files:
            frames, fps = _probe(path)
            split = _hash_split(path.name, seed, fractions)
            signs = () if label is None else (Sign(label, 0, frames),)
            clips.append(ClipRecord(path, split, "idle" if label is None else "sign", "",
                                    fps, signs))
    if not clips:
        raise DataError(f"{root}: no class folders")
    return Dataset(labels, 0, clips, str(root))


def _read_dictionary(path: Path) -> Dict[str, str]:
    """Returns {folder key: word}."""
    if not path.is_file():
        raise DataError(f"{path}: not found")
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, list):
        return {str(i): str(w) for i, w in enumerate(data)}
    if isinstance(data, dict) and data:
        if all(isinstance(v, str) for v in data.values()):
            return {str(k): v for k, v in data.items()}
        if all(isinstance(v, int) for v in data.values()):
            return {str(v): k for k, v in data.items()}
    raise DataError(f"{path}: expected a list of words or a map between ids and words")


def _hash_split(name: str, seed: int, fractions: Tuple[float, float]) -> str:
    value = int(hashlib.sha256(f"{seed}:{name}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    if value < fractions[0]:
        return "train"
    return "val" if value < fractions[0] + fractions[1] else "test"


def _probe(path: Path) -> Tuple[int, float]:
    capture = cv2.VideoCapture(str(path))
    try:
        if not capture.isOpened():
            raise DataError(f"{path}: cannot open video")
        return int(capture.get(cv2.CAP_PROP_FRAME_COUNT)), float(capture.get(cv2.CAP_PROP_FPS))
    finally:
        capture.release()


# --------------------------------------------------------------------------- decoding
def frame_step(source_fps: float, target_fps: float) -> int:
    """Frames to advance per sampled frame: 2 for 30 fps -> 15 fps, 1 for 15 fps."""
    if source_fps <= 0:
        raise DataError(f"bad source fps {source_fps}")
    return max(1, int(round(source_fps / target_fps)))


def resize_with_pad(frame: np.ndarray, size: int) -> np.ndarray:
    """Keeps the aspect ratio, fits the frame into size x size and pads with black."""
    h, w = frame.shape[:2]
    scale = size / max(h, w)
    nh, nw = max(1, round(h * scale)), max(1, round(w * scale))
    if (nh, nw) != (h, w):
        frame = cv2.resize(frame, (nw, nh), interpolation=cv2.INTER_AREA)
    if (nh, nw) == (size, size):
        return frame
    out = np.zeros((size, size, 3), np.uint8)
    top, left = (size - nh) // 2, (size - nw) // 2
    out[top:top + nh, left:left + nw] = frame
    return out


def decode_clip(path: Path, step: int, size: int) -> np.ndarray:
    """Every ``step``-th frame of the video as RGB uint8 [T, size, size, 3]."""
    capture = cv2.VideoCapture(str(path))
    if not capture.isOpened():
        raise DataError(f"{path}: cannot open video")
    frames = []
    index = 0
    try:
        while True:
            ok, frame = capture.read()
            if not ok:
                break
            if index % step == 0:
                frames.append(resize_with_pad(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB), size))
            index += 1
    finally:
        capture.release()
    if not frames:
        raise DataError(f"{path}: no frames decoded")
    return np.stack(frames)


# --------------------------------------------------------------------------- cache
@dataclasses.dataclass
class CachedClip:
    record: ClipRecord
    offset: int                            # first frame in the cache array
    length: int                            # sampled frames
    spans: Tuple[Tuple[int, int, int], ...]  # (label, start, end) in sampled frames


class FrameCache:
    """All sampled frames of one split in one uint8 memory-mapped array [N, S, S, 3]."""

    def __init__(self, frames: np.ndarray, clips: List[CachedClip]):
        self.frames = frames
        self.clips = clips

    @staticmethod
    def build(records: Sequence[ClipRecord], folder: Path, size: int, fps: float,
              progress: bool = True) -> "FrameCache":
        folder.mkdir(parents=True, exist_ok=True)
        key = hashlib.sha256(json.dumps(
            [size, fps] + [[str(r.path), r.path.stat().st_mtime_ns, r.path.stat().st_size]
                           for r in records]).encode()).hexdigest()[:16]
        data_path, index_path = folder / f"{key}.u8", folder / f"{key}.json"
        if data_path.is_file() and index_path.is_file():
            index = json.loads(index_path.read_text())
            frames = np.memmap(data_path, np.uint8, "r", shape=(index["total"], size, size, 3))
            return FrameCache(frames, _clips_from_index(records, index))
        decoded = []
        total = 0
        for i, record in enumerate(records):
            step = frame_step(record.fps, fps)
            clip = decode_clip(record.path, step, size)
            decoded.append((clip, step))
            total += len(clip)
            if progress and (i + 1) % 200 == 0:
                log.info("decoded %d/%d clips (%d frames)", i + 1, len(records), total)
        frames = np.memmap(data_path.with_suffix(".tmp"), np.uint8, "w+",
                           shape=(max(total, 1), size, size, 3))
        entries = []
        offset = 0
        for (clip, step), record in zip(decoded, records):
            frames[offset:offset + len(clip)] = clip
            entries.append({"offset": offset, "length": len(clip), "step": step})
            offset += len(clip)
        frames.flush()
        del frames
        data_path.with_suffix(".tmp").rename(data_path)
        index = {"total": max(total, 1), "clips": entries}
        index_path.write_text(json.dumps(index))
        frames = np.memmap(data_path, np.uint8, "r", shape=(index["total"], size, size, 3))
        return FrameCache(frames, _clips_from_index(records, index))

    def clip_frames(self, clip: CachedClip) -> np.ndarray:
        return self.frames[clip.offset:clip.offset + clip.length]


def _clips_from_index(records: Sequence[ClipRecord], index: Dict) -> List[CachedClip]:
    out = []
    for record, entry in zip(records, index["clips"]):
        step = entry["step"]
        spans = tuple((s.label, -(-s.start // step), max(-(-s.start // step) + 1, -(-s.end // step)))
                      for s in record.signs)
        for label, start, end in spans:
            if end > entry["length"] + 1:
                raise DataError(f"{record.path}: sign ends at sampled frame {end}, "
                                f"the clip has {entry['length']} sampled frames")
        out.append(CachedClip(record, entry["offset"], entry["length"], spans))
    return out
