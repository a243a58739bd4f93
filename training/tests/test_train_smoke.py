"""train.py end to end on a tiny corpus: a few steps, then evaluation, export and the card."""
import hashlib
import json

import importlib.util
from pathlib import Path

import onnx
import pytest

from signstream_training.trainer import main


def _evaluate_cli():
    path = Path(__file__).resolve().parents[1] / "evaluate.py"
    spec = importlib.util.spec_from_file_location("evaluate_cli", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_train_writes_a_complete_model_folder(tiny_corpus, tmp_path):
    out = tmp_path / "models" / "tiny"
    code = main(["--data", str(tiny_corpus), "--model", "small", "--out", str(out),
                 "--work", str(tmp_path / "work"), "--cache", str(tmp_path / "cache"),
                 "--steps", "2", "--batch", "2", "--frames", "8", "--eval-every", "1"])
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "README.md", "confusion.png", "labels.json", "model.json", "model.onnx"]
    manifest = json.loads((out / "model.json").read_text(encoding="utf-8"))
    onnx_bytes = (out / "model.onnx").read_bytes()
    assert manifest["version"] == hashlib.sha256(onnx_bytes).hexdigest()[:16]
    assert manifest["name"] == "tiny"
    assert manifest["input"]["height"] == 112 and manifest["input"]["layout"] == "BTHWC"
    assert manifest["idle_label"] == "<idle>"
    assert json.loads((out / "labels.json").read_text(encoding="utf-8"))[0] == "<idle>"
    proto = onnx.load_from_string(onnx_bytes)
    assert [s["name"] for s in manifest["states"]] == [i.name for i in proto.graph.input][1:]
    assert manifest["export_check"]["max_diff"] <= 1e-4
    assert manifest["metrics"]["clips"] == 8  # 2 signers x (3 signs + 1 idle) in test
    assert 0.0 <= manifest["metrics"]["top1"] <= 1.0
    assert set(manifest["decoder"]) == {"min_confidence", "stable_chunks", "idle_confidence",
                                        "idle_reset_chunks"}
    assert "## Held-out test split" in (out / "README.md").read_text(encoding="utf-8")
    log = [json.loads(line) for line in (tmp_path / "work" / "train_log.jsonl").open()]
    assert any("val_top1" in entry for entry in log)
    # The shipped ONNX file, evaluated on its own, gives the card's numbers.
    again = _evaluate_cli().evaluate_folder(out, tiny_corpus, "test", tmp_path / "cache",
                                            sentences=True)
    assert again["clips"] == manifest["metrics"]["clips"]
    assert again["top1"] == pytest.approx(manifest["metrics"]["top1"])
    assert again["macro_f1"] == pytest.approx(manifest["metrics"]["macro_f1"])
    # Sentences through the graph and the manifest's decoder, state stored as the runtime does.
    card_sentences = manifest["decoder_eval"]["test"]
    assert again["sentences"]["clips"] == card_sentences["clips"] >= 1
    assert again["sentences"]["words"] == card_sentences["words"]
    assert again["sentences"]["wer"] == pytest.approx(card_sentences["wer"])
    assert again["sentences"]["config"] == card_sentences["config"]


def test_init_starts_from_a_checkpoint_and_refuses_another_model(tmp_path):
    import argparse

    import torch

    from signstream_training.model import build_model
    from signstream_training.trainer import _load_init

    trained = build_model("small", 4)
    with torch.no_grad():
        trained.classifier.bias.copy_(torch.arange(4.0))
    path = tmp_path / "model.pt"
    torch.save({"model": trained.state_dict(), "arch": "small", "classes": 4, "step": 7}, path)
    fresh = build_model("small", 4)
    info = _load_init(argparse.Namespace(init=path, model="small"), fresh, 4)
    assert info == {"checkpoint": str(path), "step": 7}
    for name, value in trained.state_dict().items():
        assert torch.equal(fresh.state_dict()[name], value), name
    with pytest.raises(SystemExit, match="4 classes"):
        _load_init(argparse.Namespace(init=path, model="small"), build_model("small", 5), 5)
