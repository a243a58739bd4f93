"""ONNX export of the stream model with explicit state (docs/model-contract.md)."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Dict, List

import numpy as np
import onnx
import torch
from torch import nn

from .model import KIND_STREAM, MovinetStream

OPSET = 17


class ExportWrapper(nn.Module):
    """Positional-argument form of the model: (image, *states) -> (logits, *states_out),
    where logits are for the last frame of the chunk."""

    def __init__(self, model: MovinetStream):
        super().__init__()
        self.model = model
        self.names = [name for name, _, _ in model.state_layout()]

    def forward(self, image, *states):
        state = dict(zip(self.names, states))
        pooled, new_state = self.model.features(image, state)
        logits = self.model.classify(pooled[:, -1])
        return (logits, *[new_state[name] for name in self.names])


def input_names(model: MovinetStream) -> List[str]:
    return ["image"] + [name for name, _, _ in model.state_layout()]


def output_names(model: MovinetStream) -> List[str]:
    return ["logits"] + [f"{name}_out" for name, _, _ in model.state_layout()]


def export_onnx(model: MovinetStream, path: Path) -> bytes:
    """Writes the model in eval mode to ``path`` (opset 17, dynamic B and T), checks it with
    onnx.checker and returns the file's bytes."""
    model = model.eval()
    wrapper = ExportWrapper(model).eval()
    size = model.arch.input_size
    # Example shapes differ from 1 in every dynamic dimension so that nothing is baked in.
    image = torch.rand(2, 3, size, size, 3)
    states = [torch.zeros([2] + shape) for _, shape, _ in model.state_layout()]
    names_in = input_names(model)
    names_out = output_names(model)
    dynamic = {"image": {0: "batch", 1: "time"}}
    for name in names_in[1:] + names_out:
        dynamic[name] = {0: "batch"}
    buffer = io.BytesIO()
    with torch.no_grad():
        torch.onnx.export(wrapper, (image, *states), buffer, input_names=names_in,
                          output_names=names_out, dynamic_axes=dynamic, opset_version=OPSET,
                          do_constant_folding=True)
    data = buffer.getvalue()
    proto = onnx.load_from_string(data)
    _set_state_output_shapes(proto, model)
    data = proto.SerializeToString()
    onnx.checker.check_model(proto, full_check=True)
    _check_signature(proto, names_in, names_out)
    path.write_bytes(data)
    return data


def _set_state_output_shapes(proto: onnx.ModelProto, model: MovinetStream) -> None:
    """The tracer leaves some state output dimensions symbolic; they are static, so say so."""
    shapes = {f"{name}_out": shape for name, shape, _ in model.state_layout()}
    for output in proto.graph.output:
        if output.name not in shapes:
            continue
        dims = output.type.tensor_type.shape.dim
        for dim, value in zip(list(dims)[1:], shapes[output.name]):
            dim.Clear()
            dim.dim_value = value


def _check_signature(proto: onnx.ModelProto, names_in: List[str], names_out: List[str]) -> None:
    got_in = [i.name for i in proto.graph.input]
    got_out = [o.name for o in proto.graph.output]
    if got_in != names_in or got_out != names_out:
        raise RuntimeError(f"exported names differ from the contract: {got_in} -> {got_out}")


def version_of(onnx_bytes: bytes) -> str:
    """The manifest's version: the first 16 hex digits of SHA-256 of model.onnx."""
    return hashlib.sha256(onnx_bytes).hexdigest()[:16]


def state_manifest(model: MovinetStream) -> List[Dict]:
    return [{"name": name, "shape": shape, "kind": kind,
             "storage": "float16" if kind == KIND_STREAM else "float32"}
            for name, shape, kind in model.state_layout()]


def state_bytes(model: MovinetStream) -> Dict[str, int]:
    """Bytes of state per session, as stored (fp16 buffers, fp32 sums/count) and in fp32."""
    stored = 0
    fp32 = 0
    for _, shape, kind in model.state_layout():
        n = int(np.prod(shape)) if shape else 1
        fp32 += 4 * n
        stored += (2 if kind == KIND_STREAM else 4) * n
    return {"stored": stored, "float32": fp32}
