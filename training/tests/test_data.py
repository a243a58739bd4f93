"""Readers, sampling, cache and training-window targets."""
import json

import numpy as np
import pytest
import torch

from signstream_training.data import (IDLE_LABEL, DataError, FrameCache, decode_clip,
                                      frame_step, read_aihub, read_corpus, resize_with_pad)
from signstream_training.fixtures import write_video
from signstream_training.windows import (IGNORE, WindowConfig, WindowSampler, augment,
                                         augment_clip, sign_targets)


def test_corpus_reader_and_cache(tiny_corpus, tmp_path):
    data = read_corpus(tiny_corpus)
    assert data.labels[data.idle] == IDLE_LABEL
    train = data.split("train")
    assert {c.kind for c in train} == {"sign", "idle", "sentence"}
    cache = FrameCache.build(train, tmp_path / "cache", size=48, fps=15)
    clip = next(c for c in cache.clips if c.record.kind == "sentence")
    assert len(clip.spans) == 3
    frames = cache.clip_frames(clip)
    assert frames.dtype == np.uint8 and frames.shape[1:] == (48, 48, 3)
    # A second build reuses the cache file instead of decoding again.
    again = FrameCache.build(train, tmp_path / "cache", size=48, fps=15)
    assert np.array_equal(again.clip_frames(again.clips[0]), cache.clip_frames(cache.clips[0]))
    assert len(list((tmp_path / "cache").glob("*.u8"))) == 1


def test_sampling_halves_a_30fps_video_and_keeps_rgb(tmp_path):
    frames = []
    for i in range(10):
        f = np.zeros((40, 80, 3), np.uint8)
        f[:, :, 0] = 200          # red in RGB
        f[:4, :4] = i * 20        # a marker that changes every frame
        frames.append(f)
    path = tmp_path / "red.mp4"
    write_video(path, frames, fps=30)
    assert frame_step(30, 15) == 2 and frame_step(15, 15) == 1 and frame_step(25, 15) == 2
    clip = decode_clip(path, frame_step(30, 15), 32)
    assert clip.shape == (5, 32, 32, 3)
    centre = clip[:, 16, 16].astype(int)
    assert (centre[:, 0] > 150).all() and (centre[:, 2] < 60).all()  # R stays R
    # padded resize: the 40x80 frame becomes 16x32 in the middle, black above and below
    assert clip[:, 2, 16].max() < 20 and clip[:, 29, 16].max() < 20


def test_resize_with_pad_keeps_aspect():
    tall = np.full((100, 50, 3), 255, np.uint8)
    out = resize_with_pad(tall, 20)
    assert out.shape == (20, 20, 3)
    assert out[10, 10].min() == 255 and out[10, 1].max() == 0 and out[10, 18].max() == 0


def test_window_targets():
    cfg = WindowConfig()
    spans = ((3, 10, 20), (5, 30, 40))
    pos = np.arange(0, 32)
    full = sign_targets(pos, spans, 0, 0, "full", cfg)
    assert (full[:13] == 0).all()            # rest and the first 30 % of the sign: idle
    assert (full[13:17] == IGNORE).all()     # 30 % .. 70 %: no loss
    assert (full[17:30] == 3).all()          # from 70 % on, through the rest after it: the sign
    assert (full[30:] == IGNORE).all()       # the next sign has begun: the decoder reset by now
    tail = sign_targets(pos[16:], spans, 0, 0, "tail", cfg)
    assert (tail[:14] == 0).all() and (tail[14:] == IGNORE).all()
    with pytest.raises(ValueError):
        sign_targets(pos, spans, 0, 0, "other", cfg)


def test_window_sampler_and_augment(tiny_corpus, tmp_path):
    data = read_corpus(tiny_corpus)
    cache = FrameCache.build(data.split("train"), tmp_path / "c", size=48, fps=15)
    sampler = WindowSampler(cache, data.idle, WindowConfig(length=16), seed=0)
    frames, targets = sampler.batch(6)
    assert frames.shape == (6, 16, 48, 48, 3) and frames.dtype == torch.uint8
    assert targets.shape == (6, 16)
    seen = set()
    for _ in range(200):
        seen.update(sampler.sample().targets.tolist())
    assert {0, 1, 2, 3, IGNORE} <= seen
    out = augment(frames, np.random.default_rng(0))
    assert out.shape == frames.shape and out.dtype == torch.float32
    assert 0.0 <= out.min() and out.max() <= 1.0
    assert (out - frames.float() / 255).abs().mean() > 0.005  # it did change the clip


def _moving_block(t=6, size=48):
    """A white block moving left to right over a grey gradient (so the mirror is not trivial)."""
    frames = np.tile(np.linspace(40, 120, size, dtype=np.uint8)[None, None, :, None],
                     (t, size, 1, 3))
    for i in range(t):
        frames[i, 20:28, 4 + 6 * i:12 + 6 * i] = 255
    return frames


def _block_x(frames):
    weights = (frames[..., 0].astype(np.float32) > 200).sum(axis=1)  # [T, W]
    return (weights * np.arange(frames.shape[2])).sum(axis=1) / weights.sum(axis=1)


def test_hflip_is_the_mirrored_clip_with_the_same_warp():
    frames = _moving_block()
    flipped = augment_clip(frames, np.random.default_rng(3), hflip=1.0)
    mirrored_first = augment_clip(np.ascontiguousarray(frames[:, :, ::-1]),
                                  np.random.default_rng(3), hflip=0.0)
    diff = np.abs(flipped.astype(np.int16) - mirrored_first.astype(np.int16))
    # Equal up to OpenCV's 1/32-pixel fixed-point sampling at the block's edges.
    assert diff.max() <= 12 and diff.mean() < 0.1
    assert np.all(np.diff(_block_x(augment_clip(frames, np.random.default_rng(3)))) > 0)
    assert np.all(np.diff(_block_x(flipped)) < 0)  # the motion now runs right to left
    plain = augment_clip(frames, np.random.default_rng(3), hflip=0.0)
    assert np.abs(plain.astype(np.int16) - flipped.astype(np.int16)).mean() > 5


def test_bad_manifests_are_refused(tmp_path):
    (tmp_path / "labels.json").write_text(json.dumps([IDLE_LABEL, "a"]))
    line = {"file": "x.mp4", "split": "train", "kind": "sign", "fps": 15,
            "signs": [{"gloss": "a", "label": 7, "start": 0, "end": 3}]}
    (tmp_path / "manifest.jsonl").write_text(json.dumps(line) + "\n")
    with pytest.raises(DataError, match="manifest.jsonl:1: sign label 7"):
        read_corpus(tmp_path)
    line["signs"][0]["label"] = 1
    line["split"] = "holdout"
    (tmp_path / "manifest.jsonl").write_text(json.dumps(line) + "\n")
    with pytest.raises(DataError, match="unknown split"):
        read_corpus(tmp_path)
    (tmp_path / "labels.json").write_text(json.dumps(["a"]))
    with pytest.raises(DataError, match="no '<idle>' label"):
        read_corpus(tmp_path)


def test_aihub_layout(tmp_path):
    root = tmp_path / "aihub"
    frame = np.full((30, 40, 3), 120, np.uint8)
    for folder in ("0", "1"):
        for n in range(3):
            write_video(root / folder / f"clip{n}.mp4", [frame] * 6, fps=30)
    dictionary = tmp_path / "dict.json"
    dictionary.write_text(json.dumps({"0": "병원", "1": "학교"}, ensure_ascii=False))
    data = read_aihub(root, dictionary)
    assert data.labels == [IDLE_LABEL, "병원", "학교"]
    assert len(data.clips) == 6
    assert {c.signs[0].label for c in data.clips} == {1, 2}
    assert all(c.fps == pytest.approx(30) for c in data.clips)
    # word -> id dictionaries work too; an unknown folder is refused by name
    dictionary.write_text(json.dumps({"병원": 0}, ensure_ascii=False))
    with pytest.raises(DataError, match="1: class folder not in the dictionary"):
        read_aihub(root, dictionary)
