"""Readers, sampling, cache, per-frame targets, clip batches and augmentation."""
import json

import numpy as np
import pytest
import torch

from signstream_training.data import (IDLE_LABEL, DataError, FrameCache, decode_clip,
                                      frame_step, read_aihub, read_corpus, resize_with_pad)
from signstream_training.fixtures import write_video
from signstream_training.augment import augment, augment_clip
from signstream_training.streams import (IGNORE, ClipBatcher, TargetConfig, ctc_loss,
                                         event_targets, model_labels, reading_frames)


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


def test_event_targets_name_a_sign_once_it_is_complete():
    idle, signing = 0, 9
    # sign 3 on frames 10..19, a hand-over into sign 5 on 20..34, rest until frame 50
    spans = ((3, 10, 20), (5, 20, 35))
    t = event_targets(spans, 50, idle, signing, TargetConfig(event_frames=8, event_margin=2))
    assert (t[:10] == idle).all()                    # rest before
    assert (t[10:19] == signing).all()               # the sign is being made
    assert (t[19:27] == 3).all()                     # from its last frame on: the sign's label
    assert (t[27:34] == signing).all()               # the next sign is being made
    assert (t[34:42] == 5).all()
    assert (t[42:44] == IGNORE).all()                # the event's fuzzy edge: no loss
    assert (t[44:] == idle).all()
    # a clip that ends inside an event keeps the event to its end
    short = event_targets(((2, 3, 10),), 12, idle, signing)
    assert (short[9:] == 2).all()


def test_reading_frames_are_the_runtime_chunk_ends():
    assert reading_frames(20, 8).tolist() == [7, 15, 19]
    assert reading_frames(16, 8).tolist() == [7, 15]
    assert reading_frames(5, 8).tolist() == [4]
    assert reading_frames(20, 8, phase=3).tolist() == [4, 12, 19]


def test_model_labels_append_signing_once():
    assert model_labels(["<idle>", "a"]) == ["<idle>", "a", "<signing>"]
    with pytest.raises(ValueError, match="model-only"):
        model_labels(["<idle>", "<signing>"])


def test_clip_batches_keep_to_the_frame_budget_and_pad_without_targets(tiny_corpus, tmp_path):
    data = read_corpus(tiny_corpus)
    cache = FrameCache.build(data.split("train"), tmp_path / "c", size=48, fps=15)
    batcher = ClipBatcher(cache, data.idle, 4, frame_budget=128, seed=0)
    kinds = set()
    for _ in range(30):
        frames, targets, lengths, chosen = batcher.batch()
        assert frames.dtype == torch.uint8 and frames.shape[2:] == (48, 48, 3)
        assert frames.shape[0] * frames.shape[1] <= 128
        assert targets.shape == frames.shape[:2] and max(lengths) == frames.shape[1]
        for row, length in zip(targets, lengths):
            assert (row[length:] == IGNORE).all() and (row[:length] != IGNORE).any()
        kinds.update(cache.clips[i].record.kind for i in chosen)
    assert kinds == {"sign", "idle", "sentence"}
    with pytest.raises(ValueError, match="frame budget"):
        ClipBatcher(cache, data.idle, 4, frame_budget=10, seed=0)
    out = augment(frames, np.random.default_rng(0))
    assert out.shape == frames.shape and out.dtype == torch.float32
    assert 0.0 <= out.min() and out.max() <= 1.0
    assert (out - frames.float() / 255).abs().mean() > 0.005  # it did change the clip


def test_ctc_over_chunk_readings_is_finite_and_prefers_the_right_sequence(tiny_corpus, tmp_path):
    data = read_corpus(tiny_corpus)
    cache = FrameCache.build(data.split("train"), tmp_path / "c", size=48, fps=15)
    clip = next(c for c in cache.clips if c.record.kind == "sentence")
    classes = len(data.labels) + 1
    rng = np.random.default_rng(0)
    # each sign's label on the 8 frames from its last frame on: one reading there at any phase
    good = torch.full((1, clip.length, classes), -5.0)
    good[0, :, data.idle] = 5.0
    for label, _, end in clip.spans:
        good[0, end - 1:end + 7, label] = 10.0
    bad = torch.zeros_like(good)
    lo = ctc_loss(good, [clip.length], [clip], data.idle, 8, rng).item()
    hi = ctc_loss(bad, [clip.length], [clip], data.idle, 8, rng).item()
    assert np.isfinite(lo) and np.isfinite(hi) and lo < hi


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
