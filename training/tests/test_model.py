"""Causality and streaming equivalence of the PyTorch stream model.

Every test first randomises the ReZero gates and BatchNorm statistics: with fresh weights the
zero gates would hide every block and the tests would pass for the stem and head alone.
"""
import numpy as np
import pytest
import torch

from signstream_training.model import (FRAME_COUNT, KIND_STREAM, Memory, build_model,
                                       randomize_for_tests)


def _model(kind, classes=7, seed=0, memory=Memory.cumulative(), size=None):
    model = build_model(kind, classes, memory=memory, size=size)
    randomize_for_tests(model, seed)
    with torch.no_grad():
        model.classifier.weight.mul_(0.1)  # logits of order 1, like a trained model's
    return model.eval()


def _clip(model, batch, frames, seed=0):
    size = model.arch.input_size
    return torch.rand(batch, frames, size, size, 3, generator=torch.Generator().manual_seed(seed))


def _run_chunks(model, clip, chunk):
    state = model.initial_state(clip.shape[0])
    outs = []
    with torch.no_grad():
        for s in range(0, clip.shape[1], chunk):
            out, state = model(clip[:, s:s + chunk], state)
            outs.append(out)
    return torch.cat(outs, 1), state


def test_randomised_gates_make_every_layer_count():
    model = _model("small")
    clip = _clip(model, 1, 4)
    with torch.no_grad():
        before, _ = model(clip)
        for layer in model.layers:
            saved = layer.rezero.clone()
            layer.rezero.zero_()
            after, _ = model(clip)
            layer.rezero.copy_(saved)
            assert (after - before).abs().max() > 1e-3, f"{layer.prefix} has no effect"


@pytest.mark.parametrize("kind,frames", [("small", 12), ("a0", 6)])
def test_output_at_t_ignores_later_frames(kind, frames):
    model = _model(kind)
    clip = _clip(model, 2, frames)
    cut = frames // 2
    changed = clip.clone()
    changed[:, cut:] = torch.rand_like(changed[:, cut:])
    with torch.no_grad():
        a, _ = model(clip)
        b, _ = model(changed)
    assert (a[:, :cut] - b[:, :cut]).abs().max() <= 1e-5
    # and the later frames do matter, so the check above is not vacuous
    assert (a[:, cut:] - b[:, cut:]).abs().max() > 1e-3


@pytest.mark.parametrize("kind,frames", [("small", 24), ("a0", 9)])
def test_whole_clip_equals_chunks_of_8_and_frame_by_frame(kind, frames):
    model = _model(kind)
    clip = _clip(model, 2, frames)
    whole, whole_state = _run_chunks(model, clip, frames)
    chunks, chunk_state = _run_chunks(model, clip, 8)
    single, single_state = _run_chunks(model, clip, 1)
    assert whole.abs().max() > 0.1
    assert (whole - chunks).abs().max() <= 1e-4
    assert (whole - single).abs().max() <= 1e-4
    for name in whole_state:
        # relative to the tensor's scale: a random A0's deeper buffers reach the hundreds, where
        # float32 rounding in differently shaped convolutions alone exceeds 1e-4 absolute
        scale = max(1.0, whole_state[name].abs().max().item())
        diff = (whole_state[name] - single_state[name]).abs().max().item()
        assert diff <= 1e-4 * scale, (name, diff, scale)
    assert whole_state[FRAME_COUNT].tolist() == [frames, frames]


def test_sessions_at_different_positions_share_a_batch():
    model = _model("small")
    a, b = _clip(model, 1, 12, seed=1), _clip(model, 1, 4, seed=2)
    # session A has already seen 8 frames; session B starts now
    _, state_a = _run_chunks(model, a[:, :8], 8)
    state_b = model.initial_state(1)
    batch_state = {k: torch.cat([state_a[k], state_b[k]]) for k in state_a}
    with torch.no_grad():
        together, _ = model(torch.cat([a[:, 8:12], b]), batch_state)
        alone_a, _ = model(a[:, 8:12], state_a)
        alone_b, _ = model(b, state_b)
    assert (together[0] - alone_a[0]).abs().max() <= 1e-4
    assert (together[1] - alone_b[0]).abs().max() <= 1e-4
    assert (alone_a[0] - alone_b[0]).abs().max() > 1e-3


def test_fp16_stream_buffers_keep_logits_close():
    model = _model("small")
    clip = _clip(model, 1, 48)
    exact, _ = _run_chunks(model, clip, 8)
    kinds = {name: kind for name, _, kind in model.state_layout()}
    state = model.initial_state(1)
    outs = []
    with torch.no_grad():
        for s in range(0, 48, 8):
            out, state = model(clip[:, s:s + 8], state)
            outs.append(out)
            state = {k: v.half().float() if kinds[k] == KIND_STREAM else v
                     for k, v in state.items()}
    rounded = torch.cat(outs, 1)
    scale = exact.abs().max()
    assert (rounded - exact).abs().max() / scale < 1e-2


def test_state_layout_matches_forward():
    model = _model("small")
    _, state = model(_clip(model, 3, 2))
    layout = model.state_layout()
    assert [n for n, _, _ in layout] == list(model.initial_state(1))
    for name, shape, _ in layout:
        assert list(state[name].shape) == [3] + shape, name
    assert sum(1 for _, _, k in layout if k == KIND_STREAM) > 0


def test_a0_matches_the_published_size():
    # MoViNet-A0 with a 600-class (Kinetics-600) head has 3.1 M parameters with plain SE;
    # 2plus3d SE doubles the SE input: 3.75 M. 28 state tensors, 2.70 MB in fp32.
    model = build_model("a0", 600)
    assert sum(p.numel() for p in model.parameters()) == pytest.approx(3.75e6, rel=0.01)
    layout = model.state_layout()
    assert len(layout) == 28
    assert sum(4 * int(np.prod(s)) for _, s, _ in layout) == pytest.approx(2.70e6, rel=0.01)


def test_bad_input_is_refused():
    model = _model("small")
    with pytest.raises(ValueError, match="B, T, H, W, 3"):
        model(torch.rand(1, 3, 112, 112))
    with pytest.raises(ValueError, match="unknown model"):
        build_model("a9", 3)


@pytest.mark.parametrize("frames", [24, 9])
def test_bounded_memory_streams_exactly(frames):
    model = _model("small", memory=Memory.bounded(), size=48)
    clip = _clip(model, 2, frames)
    whole, whole_state = _run_chunks(model, clip, frames)
    chunks, _ = _run_chunks(model, clip, 8)
    single, single_state = _run_chunks(model, clip, 1)
    assert whole.abs().max() > 0.1
    assert (whole - chunks).abs().max() <= 1e-4
    assert (whole - single).abs().max() <= 1e-4
    assert {name for name, _, _ in model.state_layout()} >= {"state_head_window",
                                                             "state_b0_l0_se_window"}
    assert not any(name.endswith("_sum") for name, _, _ in model.state_layout())


def test_bounded_memory_forgets_the_distant_past_and_cumulative_memory_does_not():
    # Given two long streams that differ only in their first 10 frames
    size, frames = 32, 200
    bounded = _model("small", memory=Memory.bounded(se_window=4, head_window=8, head_kernels=2),
                     size=size)
    cumulative = _model("small", size=size)
    clip = _clip(bounded, 1, frames)
    changed = clip.clone()
    changed[:, :10] = torch.rand_like(changed[:, :10])
    with torch.no_grad():
        # Then the bounded model's last frames no longer depend on them
        a, _ = bounded(clip)
        b, _ = bounded(changed)
        assert (a[:, :10] - b[:, :10]).abs().max() > 1e-3
        assert (a[:, -20:] - b[:, -20:]).abs().max() <= 1e-5
        # while the paper's cumulative averages still carry them after 200 frames
        c, _ = cumulative(clip)
        d, _ = cumulative(changed)
        assert (c[:, -20:] - d[:, -20:]).abs().max() > 1e-4


def test_memory_settings_are_checked():
    with pytest.raises(ValueError, match="bound both"):
        build_model("small", 4, memory=Memory(se_window=8))
    with pytest.raises(ValueError, match="multiple"):
        build_model("small", 4, memory=Memory.bounded(head_window=10, head_kernels=4))
    with pytest.raises(ValueError, match="input size"):
        build_model("small", 4, size=31)
    assert Memory.from_json(Memory.bounded().to_json()) == Memory.bounded()
    assert Memory.from_json(None) == Memory.cumulative()
