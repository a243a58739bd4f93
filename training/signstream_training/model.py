"""MoViNet stream model (causal, (2+1)D, 2plus3d squeeze-excitation) with explicit state.

Follows the block spec of the TensorFlow Model Garden MoViNet (arXiv:2103.11511) with
``causal=True, conv_type='2plus1d', se_type='2plus3d', activation='hard_swish',
gating_activation='hard_sigmoid'``. Positional encoding (used only by the larger stream
models) is left out.

Layout inside the network is ``[B*T, C, H, W]`` for the per-frame 2D convolutions; the temporal
operations view it as ``[B, T, C, H, W]``. All state travels in a dict of named tensors:

* ``state_<layer>_stream``: the last ``kt - 1`` frames entering a causal temporal convolution,
  ``[B, kt-1, C, H, W]``;
* ``state_<layer>_se_sum`` / ``state_head_sum``: running sums of the cumulative average pools,
  ``[B, C]`` (``Memory.cumulative()``, the paper's stream model);
* ``state_<layer>_se_window`` / ``state_head_window``: the last frames of per-frame vectors that a
  bounded memory averages or convolves over, ``[B, N-1, C]`` (``Memory.bounded()``);
* ``state_frame_count``: frames seen since the last reset, ``[B]`` (one count serves every pool,
  since no layer strides in time).

Memory. The paper's stream model averages the squeeze-excitation inputs and the head features over
every frame since the start of the stream. In a long session a new sign then moves those averages
less and less (a sign's accuracy at its completion fell from 0.97 to 0.36 between the first and
the seventh second of a stream). ``Memory.bounded()`` replaces both with bounded memory: the
squeeze-excitation averages the last ``se_window`` frames, and the head convolves the last
``head_window`` frames of head features with a few learned temporal kernels (order-aware, unlike an
average). The output then depends on a fixed stretch of the past, so a 30-minute session behaves
like its first minute, and no decoder reset is needed.

A zero state is a fresh session. Running a clip whole, in chunks, or frame by frame gives the
same output, because every operation either works per frame or reads only the past.
"""

from __future__ import annotations

import dataclasses
from typing import Dict, List, Sequence, Tuple

import torch
from torch import nn
from torch.nn import functional as F

State = Dict[str, torch.Tensor]

KIND_STREAM = "stream_buffer"  # stored as float16 by the runtime
KIND_SUM = "running_sum"
KIND_COUNT = "frame_count"
FRAME_COUNT = "state_frame_count"


@dataclasses.dataclass(frozen=True)
class StemSpec:
    filters: int
    kernel: Tuple[int, int, int]
    strides: Tuple[int, int, int]


@dataclasses.dataclass(frozen=True)
class BlockSpec:
    base_filters: int
    expand_filters: Tuple[int, ...]
    kernels: Tuple[Tuple[int, int, int], ...]
    strides: Tuple[Tuple[int, int, int], ...]


@dataclasses.dataclass(frozen=True)
class HeadSpec:
    project_filters: int
    head_filters: int


@dataclasses.dataclass(frozen=True)
class ArchSpec:
    name: str
    input_size: int
    stem: StemSpec
    blocks: Tuple[BlockSpec, ...]
    head: HeadSpec


K13, K15, K33, K53 = (1, 3, 3), (1, 5, 5), (3, 3, 3), (5, 3, 3)
S11, S12 = (1, 1, 1), (1, 2, 2)

# MoViNet-A0, as in the official BLOCK_SPECS['a0'].
A0 = ArchSpec(
    name="movinet-stream-a0",
    input_size=172,
    stem=StemSpec(8, K13, S12),
    blocks=(
        BlockSpec(8, (24,), (K15,), (S12,)),
        BlockSpec(32, (80, 80, 80), (K33, K33, K33), (S12, S11, S11)),
        BlockSpec(56, (184, 112, 184), (K53, K33, K33), (S12, S11, S11)),
        BlockSpec(56, (184, 184, 184, 184), (K53, K33, K33, K33), (S11, S11, S11, S11)),
        BlockSpec(104, (384, 280, 280, 344), (K53, K15, K15, K15), (S12, S11, S11, S11)),
    ),
    head=HeadSpec(480, 2048),
)

# A small variant for 112x112 input that trains on two CPU cores: A0's first three stages,
# narrower, and one last stage at 7x7. Same block types, kernels and state kinds as A0.
SMALL = ArchSpec(
    name="movinet-stream-small",
    input_size=112,
    stem=StemSpec(8, K13, S12),
    blocks=(
        BlockSpec(8, (24,), (K15,), (S12,)),
        BlockSpec(24, (64, 64), (K33, K33), (S12, S11)),
        BlockSpec(40, (120, 96), (K53, K33), (S12, S11)),
        BlockSpec(64, (192, 160), (K53, K15), (S12, S11)),
    ),
    head=HeadSpec(256, 512),
)

ARCHS = {"a0": A0, "small": SMALL}


@dataclasses.dataclass(frozen=True)
class Memory:
    """How far back the model's averages reach (0: since the last reset, the paper's cumulative
    average; N: the last N frames). ``head_kernels`` temporal kernels of length ``head_window``
    replace the head's average when ``head_window`` > 0."""
    se_window: int = 0
    head_window: int = 0
    head_kernels: int = 4

    @staticmethod
    def cumulative() -> "Memory":
        return Memory()

    @staticmethod
    def bounded(se_window: int = 16, head_window: int = 32, head_kernels: int = 4) -> "Memory":
        return Memory(se_window, head_window, head_kernels)

    @property
    def is_bounded(self) -> bool:
        return self.se_window > 0 and self.head_window > 0

    def to_json(self) -> Dict[str, int]:
        return dataclasses.asdict(self)

    @staticmethod
    def from_json(data: Dict | None) -> "Memory":
        return Memory(**data) if data else Memory.cumulative()


def make_divisible(value: float, divisor: int = 8) -> int:
    """Channel rounding of the official implementation (round, never below 90 %)."""
    new_value = max(divisor, int(value + divisor / 2) // divisor * divisor)
    if new_value < 0.9 * value:
        new_value += divisor
    return int(new_value)


def _bn(channels: int) -> nn.BatchNorm2d:
    # TF's epsilon; torch momentum 0.1 (TF 0.9) so that short CPU runs get usable statistics.
    return nn.BatchNorm2d(channels, eps=1e-3, momentum=0.1)


def _unflatten(x: torch.Tensor, batch: torch.Tensor | int) -> torch.Tensor:
    """[B*T, C, H, W] -> [B, T, C, H, W]."""
    return x.reshape(batch, -1, x.shape[1], x.shape[2], x.shape[3])


def _flatten(x: torch.Tensor) -> torch.Tensor:
    """[B, T, C, H, W] -> [B*T, C, H, W]."""
    return x.reshape(-1, x.shape[2], x.shape[3], x.shape[4])


class CausalTemporalConv(nn.Module):
    """Depthwise temporal convolution (kt x 1 x 1) over a stream buffer of kt-1 past frames.

    Written as a sum of kt shifted, per-channel weighted slices: the same arithmetic as a
    depthwise Conv3d with causal padding, faster on CPU, and with constant slice bounds so that
    the exported graph has a dynamic chunk length.
    """

    def __init__(self, channels: int, kt: int, state_name: str):
        super().__init__()
        if kt < 2:
            raise ValueError(f"temporal kernel must be >= 2, got {kt}")
        self.kt = kt
        self.state_name = state_name
        self.weight = nn.Parameter(torch.empty(kt, 1, channels, 1, 1))
        # He-normal on the depthwise fan-in (kt), like the official initializer.
        nn.init.normal_(self.weight, std=(2.0 / kt) ** 0.5)

    def forward(self, x: torch.Tensor, state: State, new_state: State) -> torch.Tensor:
        """x: [B, T, C, H, W] -> [B, T, C, H, W]; reads and writes the stream buffer."""
        full = torch.cat([state[self.state_name], x], dim=1)
        pad = self.kt - 1
        out = full[:, pad:] * self.weight[pad]
        for i in range(pad):
            out = out + full[:, i:i - pad] * self.weight[i]
        new_state[self.state_name] = full[:, -pad:]
        return out


class CumulativeAverage(nn.Module):
    """Cumulative average over time of per-frame vectors, continued from a running sum."""

    def __init__(self, state_name: str):
        super().__init__()
        self.state_name = state_name

    def forward(self, x: torch.Tensor, state: State, new_state: State) -> torch.Tensor:
        """x: [B, T, C] -> [B, T, C], the average of every frame since the reset up to t.
        Sums run in float32 even under bfloat16 autocast: they add up thousands of frames."""
        sums = torch.cumsum(x.float(), dim=1) + state[self.state_name].unsqueeze(1)
        counts = torch.cumsum(torch.ones_like(x[:, :, 0]), dim=1) + state[FRAME_COUNT].unsqueeze(1)
        new_state[self.state_name] = sums[:, -1]
        return sums / counts.unsqueeze(2)


class WindowAverage(nn.Module):
    """Average over the last ``window`` frames of per-frame vectors (zeros before the stream's
    first frame), carried across chunks in a buffer of the last ``window - 1`` frames."""

    def __init__(self, state_name: str, window: int):
        super().__init__()
        if window < 2:
            raise ValueError(f"window must be >= 2, got {window}")
        self.state_name = state_name
        self.window = window

    def forward(self, x: torch.Tensor, state: State, new_state: State) -> torch.Tensor:
        """x: [B, T, C] -> [B, T, C]."""
        full = torch.cat([state[self.state_name], x.float()], dim=1)  # [B, W-1+T, C]
        # Prefix sums with a leading zero: sums[:, j] = full[:, :j].sum(1).
        sums = torch.cumsum(torch.cat([full[:, :1] * 0, full], dim=1), dim=1)
        new_state[self.state_name] = full[:, 1 - self.window:]
        return (sums[:, self.window:] - sums[:, :-self.window]) / self.window


class TemporalHead(nn.Module):
    """Bounded, order-aware pooling of head features: ``kernels`` learned depthwise temporal
    kernels over the last ``window`` frames (a causal 1D convolution whose input buffer is the
    state). Initialised as averages over consecutive stretches of the window (oldest to newest),
    so it starts as a coarse temporal pyramid of the sign."""

    def __init__(self, channels: int, window: int, kernels: int, state_name: str):
        super().__init__()
        if window < 2 or kernels < 1 or window % kernels:
            raise ValueError(f"head window {window} must be >= 2 and a multiple of the kernel "
                             f"count {kernels}")
        self.channels, self.window, self.kernels = channels, window, kernels
        self.state_name = state_name
        weight = torch.zeros(channels * kernels, 1, window)
        stretch = window // kernels
        for k in range(kernels):
            weight[k::kernels, 0, k * stretch:(k + 1) * stretch] = 1.0 / stretch
        self.weight = nn.Parameter(weight + 0.01 * torch.randn_like(weight))

    @property
    def out_channels(self) -> int:
        return self.channels * self.kernels

    def forward(self, x: torch.Tensor, state: State, new_state: State) -> torch.Tensor:
        """x: [B, T, C] -> [B, T, C * kernels]."""
        full = torch.cat([state[self.state_name], x.float()], dim=1)  # [B, W-1+T, C]
        new_state[self.state_name] = full[:, 1 - self.window:]
        out = F.conv1d(full.transpose(1, 2), self.weight.to(full.dtype), groups=self.channels)
        return out.transpose(1, 2)


class StreamSqueezeExcitation(nn.Module):
    """Causal '2plus3d' squeeze-excitation: per-frame spatial mean concatenated with its
    average over time (cumulative, or over the last ``window`` frames), reduce (hard_swish),
    expand (hard_sigmoid), scale the input."""

    def __init__(self, channels: int, hidden: int, state_name: str, window: int = 0):
        super().__init__()
        self.pool = WindowAverage(state_name, window) if window else CumulativeAverage(state_name)
        self.reduce = nn.Linear(2 * channels, hidden)
        self.expand = nn.Linear(hidden, channels)

    def forward(self, x: torch.Tensor, state: State, new_state: State) -> torch.Tensor:
        """x: [B, T, C, H, W]."""
        space = x.float().mean(dim=(3, 4))
        pooled = torch.cat([self.pool(space, state, new_state), space], dim=2)
        gate = F.hardsigmoid(self.expand(F.hardswish(self.reduce(pooled))))
        return x * gate.unsqueeze(3).unsqueeze(4)


class MovinetLayer(nn.Module):
    """One mobile inverted bottleneck: expand 1x1, depthwise (2+1)D causal conv, causal SE,
    project 1x1, ReZero-scaled residual (with a pooled, projected skip when shapes change)."""

    def __init__(self, in_ch: int, out_ch: int, expand: int, kernel: Sequence[int],
                 strides: Sequence[int], prefix: str, spatial_out: int, se_window: int = 0):
        super().__init__()
        kt, kh, kw = kernel
        if strides[0] != 1 or strides[1] != strides[2]:
            raise ValueError(f"{prefix}: temporal stride must be 1 and spatial strides equal")
        stride = strides[1]
        self.prefix = prefix
        self.expand_conv = nn.Conv2d(in_ch, expand, 1, bias=False)
        self.expand_bn = _bn(expand)
        self.spatial = nn.Conv2d(expand, expand, (kh, kw), stride=stride,
                                 padding=(kh // 2, kw // 2), groups=expand, bias=False)
        self.spatial_bn = _bn(expand)
        self.temporal = None
        if kt > 1:
            self.temporal = CausalTemporalConv(expand, kt, f"{prefix}_stream")
            self.temporal_bn = _bn(expand)
        hidden = make_divisible(0.25 * expand * 2)
        se_state = f"{prefix}_se_window" if se_window else f"{prefix}_se_sum"
        self.se = StreamSqueezeExcitation(expand, hidden, se_state, se_window)
        self.project = nn.Conv2d(expand, out_ch, 1, bias=False)
        self.project_bn = _bn(out_ch)
        self.rezero = nn.Parameter(torch.zeros(()))
        self.skip = None
        if in_ch != out_ch or stride > 1:
            pool = (nn.AvgPool2d(3, stride, padding=1, count_include_pad=False)
                    if stride > 1 else nn.Identity())
            self.skip = nn.Sequential(pool, nn.Conv2d(in_ch, out_ch, 1, bias=False), _bn(out_ch))
        self.state_layout: List[Tuple[str, List[int], str]] = []
        if self.temporal is not None:
            self.state_layout.append(
                (f"{prefix}_stream", [kt - 1, expand, spatial_out, spatial_out], KIND_STREAM))
        if se_window:
            self.state_layout.append((se_state, [se_window - 1, expand], KIND_STREAM))
        else:
            self.state_layout.append((se_state, [expand], KIND_SUM))

    def forward(self, x: torch.Tensor, batch, state: State, new_state: State) -> torch.Tensor:
        y = F.hardswish(self.expand_bn(self.expand_conv(x)))
        y = F.hardswish(self.spatial_bn(self.spatial(y)))
        y5 = _unflatten(y, batch)
        if self.temporal is not None:
            y5 = self.temporal(y5, state, new_state)
            y5 = _unflatten(F.hardswish(self.temporal_bn(_flatten(y5))), batch)
        y5 = self.se(y5, state, new_state)
        y = self.project_bn(self.project(_flatten(y5))) * self.rezero
        skip = x if self.skip is None else self.skip(x)
        return y + skip


class MovinetStream(nn.Module):
    """The stream model. ``forward`` returns per-frame logits and the state after the chunk."""

    def __init__(self, arch: ArchSpec, num_classes: int, dropout: float = 0.2,
                 memory: Memory = Memory()):
        super().__init__()
        if num_classes < 2:
            raise ValueError(f"need at least 2 classes, got {num_classes}")
        if (memory.se_window > 0) != (memory.head_window > 0):
            raise ValueError(f"bound both the squeeze-excitation and the head memory, or neither: "
                             f"{memory}")
        self.arch = arch
        self.memory = memory
        self.num_classes = num_classes
        size = arch.input_size
        stem = arch.stem
        if stem.kernel[0] != 1:
            raise ValueError("a stem with a temporal kernel is not supported")
        self.stem = nn.Conv2d(3, stem.filters, stem.kernel[1:], stride=stem.strides[1],
                              padding=stem.kernel[1] // 2, bias=False)
        self.stem_bn = _bn(stem.filters)
        size = (size + stem.strides[1] - 1) // stem.strides[1]
        layers = []
        in_ch = stem.filters
        for b, block in enumerate(arch.blocks):
            for l, (expand, kernel, strides) in enumerate(
                    zip(block.expand_filters, block.kernels, block.strides)):
                size = (size + strides[1] - 1) // strides[1]
                layers.append(MovinetLayer(in_ch, block.base_filters, expand, kernel, strides,
                                           f"state_b{b}_l{l}", size, memory.se_window))
                in_ch = block.base_filters
        self.layers = nn.ModuleList(layers)
        self.head_project = nn.Conv2d(in_ch, arch.head.project_filters, 1, bias=False)
        self.head_bn = _bn(arch.head.project_filters)
        if memory.head_window:
            self.head_pool = TemporalHead(arch.head.project_filters, memory.head_window,
                                          memory.head_kernels, "state_head_window")
            pooled = self.head_pool.out_channels
        else:
            self.head_pool = CumulativeAverage("state_head_sum")
            pooled = arch.head.project_filters
        self.head_dense = nn.Linear(pooled, arch.head.head_filters)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(arch.head.head_filters, num_classes)
        nn.init.normal_(self.classifier.weight, std=0.01)
        nn.init.zeros_(self.classifier.bias)
        for module in self.modules():
            if isinstance(module, nn.Conv2d):
                nn.init.kaiming_normal_(module.weight, nonlinearity="relu")

    # ----------------------------------------------------------------------------- state
    def state_layout(self) -> List[Tuple[str, List[int], str]]:
        """(name, shape without batch, kind) of every state tensor, in graph order."""
        layout = []
        for layer in self.layers:
            layout.extend(layer.state_layout)
        if self.memory.head_window:
            layout.append(("state_head_window",
                           [self.memory.head_window - 1, self.arch.head.project_filters],
                           KIND_STREAM))
        else:
            layout.append(("state_head_sum", [self.arch.head.project_filters], KIND_SUM))
        layout.append((FRAME_COUNT, [], KIND_COUNT))
        return layout

    def initial_state(self, batch: int) -> State:
        return {name: torch.zeros([batch] + shape) for name, shape, _ in self.state_layout()}

    # ----------------------------------------------------------------------------- forward
    def features(self, image: torch.Tensor, state: State) -> Tuple[torch.Tensor, State]:
        """image [B, T, H, W, 3] in [0,1] -> pooled head features [B, T, P'], new state."""
        if not torch.jit.is_tracing() and (image.dim() != 5 or image.shape[-1] != 3):
            raise ValueError(f"image must be [B, T, H, W, 3], got {list(image.shape)}")
        batch = image.shape[0]
        new_state: State = {}
        x = image.permute(0, 1, 4, 2, 3).reshape(-1, 3, image.shape[2], image.shape[3])
        x = F.hardswish(self.stem_bn(self.stem(x)))
        for layer in self.layers:
            x = layer(x, batch, state, new_state)
        x = F.hardswish(self.head_bn(self.head_project(x)))
        per_frame = _unflatten(x, batch).float().mean(dim=(3, 4))
        pooled = self.head_pool(per_frame, state, new_state)
        new_state[FRAME_COUNT] = state[FRAME_COUNT] + torch.ones_like(per_frame[:, :, 0]).sum(1)
        return pooled, new_state

    def classify(self, pooled: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.dropout(F.hardswish(self.head_dense(pooled))))

    def forward(self, image: torch.Tensor, state: State | None = None
                ) -> Tuple[torch.Tensor, State]:
        """Per-frame logits [B, T, classes] and the state after the chunk."""
        if state is None:
            state = self.initial_state(image.shape[0])
        pooled, new_state = self.features(image, state)
        return self.classify(pooled), new_state


def build_model(kind: str, num_classes: int, dropout: float = 0.2, memory: Memory = Memory(),
                size: int | None = None) -> MovinetStream:
    """``size`` overrides the architecture's input edge (e.g. 64 for the small model)."""
    if kind not in ARCHS:
        raise ValueError(f"unknown model '{kind}', expected one of {sorted(ARCHS)}")
    arch = ARCHS[kind]
    if size is not None and size != arch.input_size:
        if size < 32 or size % 2:
            raise ValueError(f"input size must be an even number >= 32, got {size}")
        arch = dataclasses.replace(arch, input_size=size)
    return MovinetStream(arch, num_classes, dropout, memory)


def randomize_for_tests(model: MovinetStream, seed: int = 0) -> None:
    """Give every zero-initialised gate and BatchNorm statistic random values, so that a test
    on fresh weights exercises every block (ReZero at 0 would hide them all)."""
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, MovinetLayer):
                module.rezero.copy_(torch.rand((), generator=gen) * 0.8 + 0.4)
            if isinstance(module, nn.BatchNorm2d):
                n = module.num_features
                module.running_mean.copy_(torch.randn(n, generator=gen) * 0.2)
                module.running_var.copy_(torch.rand(n, generator=gen) * 0.8 + 0.6)
                module.weight.copy_(torch.rand(n, generator=gen) * 0.8 + 0.6)
                module.bias.copy_(torch.randn(n, generator=gen) * 0.2)
        model.classifier.weight.normal_(0, 0.2, generator=gen)
