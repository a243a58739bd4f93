"""train.py end to end on a tiny corpus: a few steps, evaluation, export, the card, resume."""
import hashlib
import importlib.util
import json
from pathlib import Path

import onnx
import pytest
import torch

from signstream_training.trainer import main


def _evaluate_cli():
    path = Path(__file__).resolve().parents[1] / "evaluate.py"
    spec = importlib.util.spec_from_file_location("evaluate_cli", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _train(corpus, tmp_path, *extra):
    return main(["--data", str(corpus), "--model", "small", "--size", "64",
                 "--out", str(tmp_path / "models" / "tiny"), "--work", str(tmp_path / "work"),
                 "--cache", str(tmp_path / "cache"), "--frame-budget", "160", "--eval-every", "1",
                 *extra])


def test_train_writes_a_complete_model_folder(tiny_corpus, tmp_path):
    assert _train(tiny_corpus, tmp_path, "--steps", "2") == 0
    out = tmp_path / "models" / "tiny"
    assert sorted(p.name for p in out.iterdir()) == [
        "README.md", "confusion.png", "labels.json", "model.json", "model.onnx"]
    manifest = json.loads((out / "model.json").read_text(encoding="utf-8"))
    onnx_bytes = (out / "model.onnx").read_bytes()
    assert manifest["version"] == hashlib.sha256(onnx_bytes).hexdigest()[:16]
    assert manifest["format"] == 2 and manifest["name"] == "tiny"
    assert manifest["input"]["height"] == 64 and manifest["input"]["layout"] == "BTHWC"
    labels = json.loads((out / "labels.json").read_text(encoding="utf-8"))
    assert labels[0] == manifest["idle_label"] == "<idle>"
    assert labels[-1] == manifest["signing_label"] == "<signing>"
    assert manifest["memory"]["head_window"] > 0 and manifest["memory"]["se_window"] > 0
    assert manifest["decoder"]["kind"] == "peak" and 0 < manifest["decoder"]["min_confidence"] < 1
    proto = onnx.load_from_string(onnx_bytes)
    assert [s["name"] for s in manifest["states"]] == [i.name for i in proto.graph.input][1:]
    assert manifest["export_check"]["max_diff"] <= 1e-4
    iso = manifest["metrics"]["isolated"]
    assert iso["clips"] == 8  # 2 signers x (3 signs + 1 idle) in test
    assert 0.0 <= iso["top1"] <= iso["top5"] <= 1.0
    assert manifest["metrics"]["sentence"]["clips"] == 1
    assert manifest["training"]["objective"] == "event" and manifest["training"]["steps"] == 2
    assert "## Held-out accuracy" in (out / "README.md").read_text(encoding="utf-8")
    log = [json.loads(line) for line in (tmp_path / "work" / "train_log.jsonl").open()]
    assert any("val_wer" in entry for entry in log)
    # The shipped ONNX file, run chunk by chunk with fp16 buffers as the runtime stores them and
    # decoded with the manifest's decoder, gives the card's numbers.
    again = _evaluate_cli().evaluate_folder(out, tiny_corpus, "test", tmp_path / "cache")
    assert again["isolated"]["clips"] == iso["clips"]
    assert again["isolated"]["top1"] == pytest.approx(iso["top1"])
    assert again["sentence"]["words"] == manifest["metrics"]["sentence"]["words"]
    assert again["sentence"]["wer"] == pytest.approx(manifest["metrics"]["sentence"]["wer"])


def test_resume_continues_the_schedule_and_init_refuses_another_model(tiny_corpus, tmp_path):
    assert _train(tiny_corpus, tmp_path, "--steps", "3", "--minutes", "0") == 0
    ckpt = torch.load(tmp_path / "work" / "checkpoint.pt")
    assert ckpt["progress"]["step"] == 0  # the time budget was used up before the first step
    assert _train(tiny_corpus, tmp_path, "--steps", "3", "--resume", "--objective", "ctc") == 0
    ckpt = torch.load(tmp_path / "work" / "checkpoint.pt")
    assert ckpt["progress"]["step"] == 3
    assert [s["started_step"] for s in ckpt["progress"]["sessions"]] == [0, 0]
    # --init with another input size is refused by name
    with pytest.raises(SystemExit, match="size"):
        main(["--data", str(tiny_corpus), "--model", "small", "--size", "48",
              "--out", str(tmp_path / "other"), "--work", str(tmp_path / "w2"),
              "--cache", str(tmp_path / "cache"), "--init", str(tmp_path / "work" / "model.pt"),
              "--steps", "1"])
