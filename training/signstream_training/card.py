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


def _pct(value) -> str:
    return "n/a" if value is None else f"{value * 100:.2f} %"


def _ms(value) -> str:
    return "n/a" if value is None else f"{value:.0f} ms"


def metrics_table(rows: List[tuple]) -> List[str]:
    """Rows of (split name, metrics dict as evaluate.evaluate returns it)."""
    lines = ["| split | isolated top-1 | top-5 | macro-F1 | sentence WER (exact) | "
             "sequence WER (exact) | delay after sign end: median / p95 |",
             "|---|---|---|---|---|---|---|"]
    for name, m in rows:
        iso = m.get("isolated", {})
        sen, seq, delay = m.get("sentence", {}), m.get("sequence", {}), m.get("delay_ms") or {}
        lines.append(
            f"| {name} | {_pct(iso.get('top1'))} ({iso.get('clips', 0)} clips) | "
            f"{_pct(iso.get('top5'))} | {iso.get('macro_f1', float('nan')):.3f} | "
            f"{_pct(sen.get('wer'))} ({_pct(sen.get('exact'))} of {sen.get('clips', 0)}) | "
            f"{_pct(seq.get('wer'))} ({_pct(seq.get('exact'))} of {seq.get('clips', 0)}) | "
            f"{_ms(delay.get('median'))} / {_ms(delay.get('p95'))} |")
    return lines


def _curve(curve: List[Dict]) -> List[str]:
    if not curve:
        return []
    lines = ["Learning curve (validation split, decoder threshold tuned at each point):", "",
             "| step | training frames | WER (sentences and sequences) | isolated top-1 |",
             "|---|---|---|---|"]
    for c in curve:
        frames = f"{c['frames']:,}" if c.get("frames") else "n/a"
        lines.append(f"| {c['step']:,} | {frames} | {_pct(c.get('val_wer'))} | "
                     f"{_pct(c.get('val_top1'))} |")
    return lines + [""]


LIMITS = [
    "## Limits",
    "",
    "- Trained and measured on the synthetic signer only: 39 invented signs on a rendered figure "
    "(docs/synthetic-signer.md). The numbers say nothing about real KSL video; `train.py --aihub` "
    "trains on AI Hub's layout, and A0 at 172x172 is the architecture for real cameras.",
    "- 64x64 input is enough for the synthetic figure's arms, hands and hand shapes; fine finger "
    "detail of real signers needs a larger input.",
    "- A word comes once its sign is complete: 0-7 frames after the sign's last frame (the chunk "
    "of 8 that holds it), plus the time the model needs to be sure.",
    "",
]


def write_card(folder: Path, m: Dict, labels: List[str], legend_note: str | None) -> None:
    t, test, val = m["training"], m["metrics"], m["validation"]
    state = m["state_bytes"]
    memory = m["memory"]
    lines = [
        f"# {m['name']}",
        "",
        f"MoViNet stream model (`{m['architecture']}`, {m['input']['height']}x"
        f"{m['input']['width']}, {m['fps']} fps) trained on {t['data']} with the "
        f"`{t['objective']}` objective. {len(labels)} classes: the idle label "
        f"`{m['idle_label']}`, the signs, and `{m['signing_label']}` (a sign is being made; never "
        "a word). Follows docs/model-contract.md.",
        "",
        "## Held-out accuracy (unseen signers)",
        "",
        "Every clip runs as a session does in the processor: from a zero state, in chunks of "
        f"{m['chunk_length']} frames, through the word decoder in `model.json` (peak picking, "
        f"`min_confidence` {m['decoder']['min_confidence']}, tuned on the validation split). An "
        "isolated clip is right when the decoder's most confident word is its sign (an idle clip: "
        "no word); sentences and random sign sequences are scored by word error rate; the delay "
        "is from a sign's last frame to the last frame of the chunk that emitted its word, over "
        "exactly recognised clips.",
        "",
        *metrics_table([("test", test), ("validation", val)]),
        "",
        "![confusion matrix of the isolated test clips](confusion.png)",
        "",
    ]
    if legend_note:
        lines += [f"Confusion matrix axes show {legend_note}; `labels.json` maps them.", ""]
    lines += [
        "## Memory and state",
        "",
        f"- bounded memory: squeeze-excitation averages over the last {memory['se_window']} "
        f"frames, a temporal head of {memory['head_kernels']} learned kernels over the last "
        f"{memory['head_window']} frames; nothing averages over the whole session, so no "
        "decoder reset is needed"
        if memory.get("head_window") else "- cumulative averages since the stream's start",
        f"- parameters: {m['parameters']:,}",
        f"- model.onnx: {m['onnx_bytes']:,} bytes (opset 17, dynamic batch and chunk length)",
        f"- state per session: {state['stored']:,} bytes as stored (fp16 buffers, fp32 "
        f"count); {state['float32']:,} bytes in fp32; {len(m['states'])} tensors",
        f"- streaming check at export (ONNX graph, whole clip vs chunks of 8 vs frame by "
        f"frame vs PyTorch): max |logit diff| {m['export_check']['max_diff']:.2e}",
        "",
        "## Training",
        "",
        f"- machine: {t['machine']}",
        f"- {t['steps']:,} steps of a {t['schedule_steps']:,}-step schedule, {t['frames']:,} "
        f"training frames, {t['seconds'] / 60:.1f} min wall time ({t['cpu_hours']} CPU-hours); "
        f"kept step {t['best_step']} (best on validation)",
        f"- data: {t['data']} ({t['train_clips']} train clips, {t['val_clips']} val clips)",
        "",
        *_curve(t.get("learning_curve") or []),
        "Reproduce (from the repository root):",
        "",
        "```",
        *t["reproduce"],
        "```",
        "",
        "Numbers on this card come from that run; training on 2 shared CPU cores is not "
        "bit-reproducible (thread scheduling), so a rerun lands close to, not exactly on, them.",
        "",
        *LIMITS,
    ]
    (folder / "README.md").write_text("\n".join(lines), encoding="utf-8")
