"""ONNX export: contract names and shapes, checker, and streaming through the exported graph."""
import hashlib

import numpy as np
import onnx
import pytest
import torch

from signstream_training.export import (export_onnx, input_names, output_names, state_bytes,
                                        state_manifest, version_of)
from signstream_training.model import build_model, randomize_for_tests
from signstream_training.onnx_eval import OnnxTorchEvaluator
from signstream_training.verify import TOLERANCE, run_chunks, verify_streaming


def _model(kind, classes=5):
    model = build_model(kind, classes)
    randomize_for_tests(model)
    with torch.no_grad():
        model.classifier.weight.mul_(0.1)
    return model.eval()


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    model = _model("small")
    path = tmp_path_factory.mktemp("onnx") / "model.onnx"
    return model, export_onnx(model, path), path


def _dims(value):
    return [d.dim_param or d.dim_value for d in value.type.tensor_type.shape.dim]


def test_graph_follows_the_contract(small):
    model, data, path = small
    proto = onnx.load(str(path))
    onnx.checker.check_model(proto, full_check=True)
    assert proto.opset_import[0].version == 17
    inputs = {i.name: _dims(i) for i in proto.graph.input}
    outputs = {o.name: _dims(o) for o in proto.graph.output}
    assert list(inputs) == input_names(model)
    assert list(outputs) == output_names(model)
    assert inputs["image"] == ["batch", "time", 112, 112, 3]
    assert outputs["logits"] == ["batch", 5]
    assert inputs["state_frame_count"] == ["batch"]
    for name, shape, _ in model.state_layout():
        assert inputs[name] == ["batch"] + shape, name
        assert outputs[f"{name}_out"] == ["batch"] + shape, name
    assert all(n.startswith("state_") for n in list(inputs)[1:])


def test_whole_clip_equals_chunks_and_frames_through_onnx(small):
    model, data, _ = small
    diffs = verify_streaming(model, data, frames=20, batch=3)
    assert diffs["logit_scale"] > 0.1
    assert max(v for k, v in diffs.items() if k != "logit_scale") <= TOLERANCE


def test_a_broken_state_wire_is_caught(small):
    # Given a graph whose first stream buffer output is replaced by zeros
    model, data, _ = small
    proto = onnx.load_from_string(data)
    target = "state_b1_l0_stream_out"
    for node in proto.graph.node:
        for i, name in enumerate(node.output):
            if name == target:
                node.output[i] = "orphan"
    zero = onnx.helper.make_node("Mul", ["orphan", "zero_scalar"], [target])
    proto.graph.initializer.append(onnx.numpy_helper.from_array(
        np.zeros((), np.float32), "zero_scalar"))
    proto.graph.node.append(zero)
    # When it is checked, Then the chunked run no longer matches the whole clip
    with pytest.raises(AssertionError, match="whole_vs_frames"):
        verify_streaming(model, proto.SerializeToString(), frames=12, batch=1)


def test_two_sessions_at_different_positions_in_one_onnx_call(small):
    model, data, _ = small
    evaluator = OnnxTorchEvaluator(onnx.load_from_string(data))
    rng = np.random.default_rng(3)
    a = rng.random((1, 12, 112, 112, 3), dtype=np.float32)
    b = rng.random((1, 4, 112, 112, 3), dtype=np.float32)
    names = [n for n, _, _ in model.state_layout()]
    first = evaluator.run({"image": a[:, :8], **{n: np.zeros([1] + s, np.float32)
                                                  for n, s, _ in model.state_layout()}})
    state_a = {n: first[f"{n}_out"] for n in names}
    fresh = {n: np.zeros([1] + s, np.float32) for n, s, _ in model.state_layout()}
    both = evaluator.run({"image": np.concatenate([a[:, 8:], b]),
                          **{n: np.concatenate([state_a[n], fresh[n]]) for n in names}})
    alone_a = run_chunks(evaluator, model, a, 12)[-1]
    alone_b = run_chunks(evaluator, model, b, 4)[-1]
    assert np.abs(both["logits"][0] - alone_a[0]).max() <= TOLERANCE
    assert np.abs(both["logits"][1] - alone_b[0]).max() <= TOLERANCE
    assert both["state_frame_count_out"].tolist() == [12.0, 4.0]


def test_manifest_pieces(small):
    model, data, path = small
    assert version_of(data) == hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    states = state_manifest(model)
    assert states[-1] == {"name": "state_frame_count", "shape": [], "kind": "frame_count",
                          "storage": "float32"}
    assert {s["storage"] for s in states if s["kind"] == "stream_buffer"} == {"float16"}
    assert {s["storage"] for s in states if s["kind"] == "running_sum"} == {"float32"}
    sizes = state_bytes(model)
    assert sizes["stored"] < sizes["float32"] < 400_000


def test_a0_exports_and_streams(tmp_path):
    model = _model("a0", classes=3)
    data = export_onnx(model, tmp_path / "a0.onnx")
    diffs = verify_streaming(model, data, frames=9, batch=1)
    assert max(v for k, v in diffs.items() if k != "logit_scale") <= TOLERANCE
    proto = onnx.load_from_string(data)
    assert [d.dim_value for d in proto.graph.input[0].type.tensor_type.shape.dim][2:] == [172, 172, 3]
