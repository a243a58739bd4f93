"""Writes a model folder's manifest, labels, confusion matrix image and model card."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List

import numpy as np


def write_labels(folder: Path, labels: List[str]) -> None:
    (folder / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n",
                                        encoding="utf-8")


def write_manifest(folder: Path, manifest: Dict) -> None:
    (folder / "model.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")


def plot_confusion(path: Path, confusion: np.ndarray, labels: List[str], title: str) -> None:
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import font_manager
    import matplotlib.pyplot as plt

    # Hangul glyphs need a Korean font (fonts-nanum, see setup.sh); matplotlib's font cache may
    # predate its installation, so register the file directly. Without one, axes show ids.
    for font in Path("/usr/share/fonts").rglob("NanumGothic.ttf"):
        font_manager.fontManager.addfont(str(font))
    korean = [f.name for f in font_manager.fontManager.ttflist
              if any(k in f.name for k in ("NanumGothic", "Noto Sans CJK", "UnDotum", "Baekmuk"))]
    if korean:
        plt.rcParams["font.family"] = korean[0]
        names = labels
    else:
        names = [f"{i}" for i in range(len(labels))]
    n = len(labels)
    rows = confusion.sum(axis=1, keepdims=True)
    norm = confusion / np.maximum(rows, 1)
    size = max(6.0, 0.32 * n + 2)
    fig, ax = plt.subplots(figsize=(size, size))
    ax.imshow(norm, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    ax.set_xticklabels(names, rotation=90, fontsize=7)
    ax.set_yticklabels(names, fontsize=7)
    for r in range(n):
        for c in range(n):
            if confusion[r, c]:
                ax.text(c, r, str(confusion[r, c]), ha="center", va="center", fontsize=6,
                        color="white" if norm[r, c] > 0.5 else "black")
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return None if korean else "label ids (no Hangul font on the machine)"


def write_card(folder: Path, m: Dict, labels: List[str], legend_note: str | None) -> None:
    t, test, dec = m["training"], m["metrics"], m.get("decoder_eval", {})
    state = m["state_bytes"]
    lines = [
        f"# {m['name']}",
        "",
        f"MoViNet stream model (`{m['architecture']}`, {m['input']['height']}x"
        f"{m['input']['width']}, {m['fps']} fps) trained on {t['data']}. "
        f"{len(labels)} classes including the idle label `{m['idle_label']}`. "
        "Follows docs/model-contract.md.",
        "",
        "## Held-out test split (unseen signers)",
        "",
        "| clips | top-1 | top-5 | macro-F1 |",
        "|---|---|---|---|",
        f"| {test['clips']} | {test['top1'] * 100:.2f} % | {test['top5'] * 100:.2f} % | "
        f"{test['macro_f1']:.4f} |",
        "",
        f"Clips: the isolated sign clips and idle clips of the `{test['split']}` split. "
        "A clip's prediction is the logits after its last frame, from a zero state (the same "
        "as feeding it in chunks of 8 and taking the last chunk's logits). "
        f"Validation split: top-1 {m['validation']['top1'] * 100:.2f} % "
        f"over {m['validation']['clips']} clips.",
        "",
        "![confusion matrix](confusion.png)",
        "",
    ]
    if legend_note:
        lines += [f"Confusion matrix axes show {legend_note}; `labels.json` maps them.", ""]
    if dec:
        lines += [
            "## Streaming word decoder on sentence clips",
            "",
            f"Sentence clips run in chunks of {m['chunk_length']} frames with the decoder in "
            "`model.json` (`decoder`, tuned on validation sentences), resetting the model state "
            "after every word (see training/README.md).",
            "",
            "| split | clips | words | WER | exact sentences | median delay after sign end |",
            "|---|---|---|---|---|---|",
        ]
        for split, d in dec.items():
            delay = ("n/a" if d["median_delay_frames"] is None
                     else f"{d['median_delay_frames']:.0f} frames")
            lines.append(f"| {split} | {d['clips']} | {d['words']} | {d['wer'] * 100:.2f} % | "
                         f"{d['exact'] * 100:.1f} % | {delay} |")
        lines.append("")
    lines += [
        "## Size and state",
        "",
        f"- parameters: {m['parameters']:,}",
        f"- model.onnx: {m['onnx_bytes']:,} bytes (opset 17, dynamic batch and chunk length)",
        f"- state per session: {state['stored']:,} bytes as stored (fp16 stream buffers, fp32 "
        f"sums and count); {state['float32']:,} bytes in fp32; {len(m['states'])} tensors",
        f"- streaming check at export (ONNX graph, whole clip vs chunks of 8 vs frame by "
        f"frame vs PyTorch): max |logit diff| {m['export_check']['max_diff']:.2e}",
        "",
        "## Training",
        "",
        f"- machine: {t['machine']}",
        f"- wall time: {t['seconds'] / 60:.1f} min for {t['steps']} steps "
        f"(batch {t['batch']} x {t['frames']} frames)",
        f"- data: {t['data']} ({t['train_clips']} train clips, {t['val_clips']} val clips)",
        "",
        "Reproduce (from the repository root):",
        "",
        "```",
        *t["reproduce"],
        "```",
        "",
        "Numbers on this card come from that run; training on 2 shared CPU cores is not "
        "bit-reproducible (thread scheduling), so a rerun lands close to, not exactly on, them.",
        "",
    ]
    (folder / "README.md").write_text("\n".join(lines), encoding="utf-8")
