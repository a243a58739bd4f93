"""A small ONNX graph interpreter on top of torch operators.

Debian has no onnxruntime for Python and this onnx (1.12) has no ``onnx.reference``. To check
the *exported graph* (its wiring of states, slices, reshapes with dynamic batch and chunk length)
rather than the PyTorch module that produced it, this walks the ONNX nodes in order and runs
each one with the equivalent torch operator. It supports exactly the operator set our exporter
emits and refuses anything else by name, so a new operator cannot slip through unchecked.
"""

from __future__ import annotations

from typing import Callable, Dict, List

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from torch.nn import functional as F

_ONNX_TO_TORCH_DTYPE = {
    onnx.TensorProto.FLOAT: torch.float32,
    onnx.TensorProto.INT64: torch.int64,
    onnx.TensorProto.INT32: torch.int32,
    onnx.TensorProto.BOOL: torch.bool,
}


def _attrs(node: onnx.NodeProto) -> Dict:
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _ints(t: torch.Tensor) -> List[int]:
    return [int(v) for v in t.reshape(-1).tolist()]


def _conv(ins, a):
    x, w = ins[0], ins[1]
    b = ins[2] if len(ins) > 2 else None
    nd = x.dim() - 2
    pads = a.get("pads", [0] * (2 * nd))
    if pads[:nd] != pads[nd:]:
        x = F.pad(x, [p for i in reversed(range(nd)) for p in (pads[i], pads[i + nd])])
        pads = [0] * (2 * nd)
    fn = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}[nd]
    return fn(x, w, b, stride=a.get("strides", [1] * nd), padding=pads[:nd],
              dilation=a.get("dilations", [1] * nd), groups=a.get("group", 1))


def _avgpool(ins, a):
    x = ins[0]
    pads = a.get("pads", [0, 0, 0, 0])
    if x.dim() != 4 or pads[:2] != pads[2:]:
        raise NotImplementedError(f"AveragePool with input rank {x.dim()} pads {pads}")
    return F.avg_pool2d(x, a["kernel_shape"], a.get("strides", [1, 1]), pads[:2],
                        ceil_mode=bool(a.get("ceil_mode", 0)),
                        count_include_pad=bool(a.get("count_include_pad", 0)))


def _slice(ins, a):
    x = ins[0]
    starts, ends = _ints(ins[1]), _ints(ins[2])
    axes = _ints(ins[3]) if len(ins) > 3 and ins[3] is not None else list(range(len(starts)))
    steps = _ints(ins[4]) if len(ins) > 4 and ins[4] is not None else [1] * len(starts)
    index = [slice(None)] * x.dim()
    for s, e, ax, st in zip(starts, ends, axes, steps):
        if st != 1:
            raise NotImplementedError("Slice with step != 1")
        n = x.shape[ax]
        s = max(0, min(n, s + n if s < 0 else s))
        e = max(0, min(n, e + n if e < 0 else e))
        index[ax] = slice(s, e)
    return x[tuple(index)]


def _reshape(ins, a):
    shape = _ints(ins[1])
    shape = [ins[0].shape[i] if d == 0 else d for i, d in enumerate(shape)]
    return ins[0].reshape(shape)


def _reduce(fn):
    def run(ins, a):
        axes = a.get("axes")
        if axes is None and len(ins) > 1:
            axes = _ints(ins[1])
        keep = bool(a.get("keepdims", 1))
        return fn(ins[0], dim=tuple(axes), keepdim=keep)
    return run


def _gemm(ins, a):
    x, w = ins[0], ins[1]
    if a.get("transA", 0):
        x = x.t()
    if a.get("transB", 0):
        w = w.t()
    y = a.get("alpha", 1.0) * (x @ w)
    if len(ins) > 2:
        y = y + a.get("beta", 1.0) * ins[2]
    return y


def _batchnorm(ins, a):
    x, scale, bias, mean, var = ins
    return F.batch_norm(x, mean, var, scale, bias, False, 0.0, a.get("epsilon", 1e-5))


def _hardsigmoid(ins, a):
    return torch.clamp(a.get("alpha", 0.2) * ins[0] + a.get("beta", 0.5), 0.0, 1.0)


def _constant_of_shape(ins, a):
    value = a.get("value")
    fill = numpy_helper.to_array(value).copy() if value is not None else np.zeros(1, np.float32)
    return torch.from_numpy(fill.reshape(-1)[:1]).expand(_ints(ins[0])).clone()


def _cumsum(ins, a):
    if a.get("exclusive", 0) or a.get("reverse", 0):
        raise NotImplementedError("CumSum exclusive/reverse")
    return torch.cumsum(ins[0], dim=int(ins[1].reshape(-1)[0]))


def _gather(ins, a):
    data, index = ins
    axis = a.get("axis", 0)
    axis = axis + data.dim() if axis < 0 else axis
    flat = index.reshape(-1).to(torch.int64)
    flat = torch.where(flat < 0, flat + data.shape[axis], flat)
    out = torch.index_select(data, axis, flat)
    return out.reshape(list(data.shape[:axis]) + list(index.shape) + list(data.shape[axis + 1:]))


def _cast(ins, a):
    return ins[0].to(_ONNX_TO_TORCH_DTYPE[a["to"]])


OPS: Dict[str, Callable] = {
    "Add": lambda i, a: i[0] + i[1],
    "Sub": lambda i, a: i[0] - i[1],
    "Mul": lambda i, a: i[0] * i[1],
    "Div": lambda i, a: i[0] / i[1] if i[0].is_floating_point() else torch.div(
        i[0], i[1], rounding_mode="trunc"),
    "MatMul": lambda i, a: i[0] @ i[1],
    "Gemm": _gemm,
    "Conv": _conv,
    "AveragePool": _avgpool,
    "BatchNormalization": _batchnorm,
    "HardSwish": lambda i, a: F.hardswish(i[0]),
    "HardSigmoid": _hardsigmoid,
    "Concat": lambda i, a: torch.cat(list(i), dim=a["axis"]),
    "Slice": _slice,
    "Reshape": _reshape,
    "Transpose": lambda i, a: i[0].permute(*a["perm"]),
    "Unsqueeze": lambda i, a: i[0].reshape(
        _unsqueezed_shape(list(i[0].shape), _ints(i[1]))),
    "Squeeze": lambda i, a: i[0].squeeze(_ints(i[1])[0]) if len(i) > 1 else i[0].squeeze(),
    "Shape": lambda i, a: torch.tensor(list(i[0].shape), dtype=torch.int64),
    "Gather": _gather,
    "ReduceMean": _reduce(torch.mean),
    "ReduceSum": _reduce(torch.sum),
    "CumSum": _cumsum,
    "ConstantOfShape": _constant_of_shape,
    "Cast": _cast,
    "Identity": lambda i, a: i[0],
}


def _unsqueezed_shape(shape: List[int], axes: List[int]) -> List[int]:
    rank = len(shape) + len(axes)
    for ax in sorted(ax + rank if ax < 0 else ax for ax in axes):
        shape.insert(ax, 1)
    return shape


class OnnxTorchEvaluator:
    """Runs an ONNX graph with torch operators: ``run(feeds) -> {output name: ndarray}``."""

    def __init__(self, model: onnx.ModelProto):
        self.graph = model.graph
        unknown = sorted({n.op_type for n in self.graph.node} - set(OPS) - {"Constant"})
        if unknown:
            raise NotImplementedError(f"operators not supported by this evaluator: {unknown}")
        self.initializers = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy())
                             for t in self.graph.initializer}

    def run(self, feeds: Dict[str, np.ndarray]) -> Dict[str, np.ndarray]:
        expected = [i.name for i in self.graph.input if i.name not in self.initializers]
        missing = [name for name in expected if name not in feeds]
        if missing:
            raise ValueError(f"missing inputs: {missing}")
        values: Dict[str, torch.Tensor] = dict(self.initializers)
        values.update({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in feeds.items()})
        with torch.no_grad():
            for node in self.graph.node:
                attrs = _attrs(node)
                if node.op_type == "Constant":
                    values[node.output[0]] = torch.from_numpy(
                        numpy_helper.to_array(attrs["value"]).copy())
                    continue
                ins = [values[n] if n else None for n in node.input]
                values[node.output[0]] = OPS[node.op_type](ins, attrs)
        return {o.name: values[o.name].numpy() for o in self.graph.output}
