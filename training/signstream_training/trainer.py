"""Training loop, evaluation and export of a model folder (called by training/train.py)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import math
import os
import platform
import queue
import shlex
import sys
import threading
import time
from pathlib import Path
from typing import Dict, List, Tuple

import cv2
import numpy as np
import torch
from torch.nn import functional as F

from . import card
from .data import Dataset, FrameCache, read_aihub, read_corpus
from .evaluate import (DecoderConfig, classification_metrics, clip_label, clip_logits,
                       decoder_metrics)
from .export import export_onnx, state_bytes, state_manifest, version_of
from .model import ARCHS, build_model
from .verify import verify_streaming
from .windows import IGNORE, WindowConfig, WindowSampler, augment

log = logging.getLogger("train")
TUNING_SENTENCES = 24  # validation sentences the decoder grid runs on (6 settings each)


def parse_args(argv: List[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Train a MoViNet stream model and write a model folder "
                    "(model.onnx, model.json, labels.json, README.md, confusion.png).")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--data", type=Path, help="corpus folder (labels.json + manifest.jsonl)")
    src.add_argument("--aihub", type=Path, help="AI Hub layout root (root/<class>/*.mp4)")
    p.add_argument("--dictionary", type=Path, help="AI Hub label dictionary JSON")
    p.add_argument("--model", choices=sorted(ARCHS), default="small")
    p.add_argument("--out", type=Path, required=True, help="model folder to write")
    p.add_argument("--name", help="model name (default: the out folder's name)")
    p.add_argument("--work", type=Path, help="checkpoints and logs (default training/runs/NAME)")
    p.add_argument("--cache", type=Path, help="decoded-frame cache (default ~/.cache/signstream)")
    p.add_argument("--steps", type=int, default=3000, help="steps at most")
    p.add_argument("--minutes", type=float, default=60.0, help="wall-time budget for training")
    p.add_argument("--batch", type=int, default=12)
    p.add_argument("--frames", type=int, default=32, help="frames per training window")
    p.add_argument("--lr", type=float, default=4e-3)
    p.add_argument("--weight-decay", type=float, default=0.02)
    p.add_argument("--fps", type=float, default=15.0, help="sampling rate the model sees")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--bf16", action=argparse.BooleanOptionalAction, default=_has_bf16(),
                   help="train under bfloat16 autocast (default: on where the CPU has "
                        "AVX512-BF16, several times faster there); evaluation and export "
                        "always run in float32")
    p.add_argument("--eval-every", type=int, default=250)
    p.add_argument("--init", type=Path,
                   help="start from this checkpoint's weights (a model.pt of an earlier run, "
                        "same --model and labels) with a fresh warm-up and cosine schedule")
    p.add_argument("--hflip", type=float, default=0.5,
                   help="probability of mirroring a training window left-right; a mirrored "
                        "signer is a left-handed signer doing the same sign (0 turns it off)")
    p.add_argument("--evaluate-only", action="store_true",
                   help="skip training: evaluate and export the checkpoint in --work")
    args = p.parse_args(argv)
    if args.aihub and not args.dictionary:
        p.error("--aihub needs --dictionary")
    if not 0.0 <= args.hflip <= 1.0:
        p.error(f"--hflip must be a probability in [0, 1], got {args.hflip}")
    if args.init and not args.init.is_file():
        p.error(f"--init {args.init}: not a file")
    args.name = args.name or args.out.name
    args.work = args.work or Path(__file__).resolve().parents[1] / "runs" / args.name
    args.cache = args.cache or Path.home() / ".cache" / "signstream"
    return args


def _has_bf16() -> bool:
    try:
        return "avx512_bf16" in Path("/proc/cpuinfo").read_text()
    except OSError:
        return False


def load_dataset(args) -> Dataset:
    if args.data:
        return read_corpus(args.data)
    return read_aihub(args.aihub, args.dictionary, seed=args.seed)


def _progress(step: int, steps: int, started: float, minutes: float) -> float:
    return max(step / steps, (time.time() - started) / (60.0 * minutes))


def _lr(progress: float, base: float) -> float:
    warm = 0.03
    if progress < warm:
        return base * progress / warm
    return base * 0.5 * (1 + math.cos(math.pi * min(1.0, (progress - warm) / (1 - warm))))


class BatchFeeder:
    """Builds augmented batches in a background thread so decoding never stalls a step."""

    def __init__(self, sampler: WindowSampler, batch: int, seed: int, hflip: float):
        self.queue: "queue.Queue" = queue.Queue(maxsize=3)
        self.sampler, self.batch, self.hflip = sampler, batch, hflip
        self.rng = np.random.default_rng(seed + 1)
        self.stop = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        try:
            while not self.stop.is_set():
                frames, targets = self.sampler.batch(self.batch)
                item = (augment(frames, self.rng, self.hflip), targets)
                while not self.stop.is_set():
                    try:
                        self.queue.put(item, timeout=0.5)
                        break
                    except queue.Full:
                        continue
        except BaseException as e:  # handed to the training thread, which re-raises it
            self.error = e

    def next(self):
        while True:
            if self.error is not None:
                raise RuntimeError("batch feeder failed") from self.error
            try:
                return self.queue.get(timeout=1.0)
            except queue.Empty:
                continue

    def close(self):
        self.stop.set()
        self.thread.join(timeout=5)


def evaluate_clips(model, cache: FrameCache, idle: int, classes: int) -> Dict:
    idx = [i for i, c in enumerate(cache.clips) if len(c.spans) <= 1]
    if not idx:
        raise ValueError("no isolated sign or idle clips to evaluate")
    labels = np.array([clip_label(cache, i, idle) for i in idx])
    return classification_metrics(clip_logits(model, cache, idx), labels, classes)


def train(args, dataset: Dataset, caches: Dict[str, FrameCache]) -> Dict:
    torch.manual_seed(args.seed)
    classes = len(dataset.labels)
    model = build_model(args.model, classes)
    init = _load_init(args, model, classes) if args.init else None
    sampler = WindowSampler(caches["train"], dataset.idle,
                            WindowConfig(length=args.frames), args.seed)
    decay, no_decay = [], []
    for name, param in model.named_parameters():
        (no_decay if param.dim() <= 1 else decay).append(param)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=args.lr)
    # Idle frames are the majority and the easy part; half weight keeps them from drowning
    # the sign frames' gradient early in training.
    class_weight = torch.ones(classes)
    class_weight[dataset.idle] = 0.5
    feeder = BatchFeeder(sampler, args.batch, args.seed, args.hflip)
    log_file = (args.work / "train_log.jsonl").open("a", encoding="utf-8")
    started = time.time()
    best = {"top1": -1.0}
    step, loss_avg, acc_avg = 0, None, None
    try:
        while True:
            progress = _progress(step, args.steps, started, args.minutes)
            if progress >= 1.0:
                break
            lr = _lr(progress, args.lr)
            for group in opt.param_groups:
                group["lr"] = lr
            model.train()
            images, targets = feeder.next()
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
                logits, _ = model(images)
            flat, flat_t = logits.float().reshape(-1, classes), targets.reshape(-1)
            loss = F.cross_entropy(flat, flat_t, weight=class_weight, ignore_index=IGNORE,
                                   label_smoothing=0.05)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            step += 1
            keep = flat_t != IGNORE
            acc = (flat.argmax(1)[keep] == flat_t[keep]).float().mean().item()
            loss_avg = loss.item() if loss_avg is None else 0.95 * loss_avg + 0.05 * loss.item()
            acc_avg = acc if acc_avg is None else 0.95 * acc_avg + 0.05 * acc
            if step % 25 == 0:
                elapsed = time.time() - started
                log.info("step %d  progress %.1f%%  loss %.4f  frame-acc %.3f  lr %.2e  "
                         "%.2f s/step  %.1f min", step, 100 * progress, loss_avg, acc_avg, lr,
                         elapsed / step, elapsed / 60)
                log_file.write(json.dumps({"step": step, "loss": loss_avg, "frame_acc": acc_avg,
                                           "lr": lr, "seconds": elapsed}) + "\n")
                log_file.flush()
            if step % args.eval_every == 0:
                best = _validate(model, caches["val"], dataset, step, best, args, log_file)
        best = _validate(model, caches["val"], dataset, step, best, args, log_file)
    finally:
        feeder.close()
        log_file.close()
    seconds = time.time() - started
    log.info("trained %d steps in %.1f min; best val top-1 %.4f at step %d", step, seconds / 60,
             best["top1"], best.get("step", -1))
    summary = {"steps": step, "seconds": seconds, "best_step": best.get("step"),
               "best_val_top1": best["top1"], "init": init}
    (args.work / "train_summary.json").write_text(json.dumps(summary, indent=2))
    return summary


def _load_init(args, model, classes: int) -> Dict:
    """Loads --init's weights into model; returns what the manifest records about it."""
    ckpt = torch.load(args.init)
    if ckpt.get("arch") != args.model or ckpt.get("classes") != classes:
        raise SystemExit(f"error: --init {args.init} is a '{ckpt.get('arch')}' model with "
                         f"{ckpt.get('classes')} classes; this run trains '{args.model}' with "
                         f"{classes} classes")
    model.load_state_dict(ckpt["model"])
    log.info("initialised from %s (step %s of its run)", args.init, ckpt.get("step"))
    return {"checkpoint": str(args.init), "step": ckpt.get("step")}


def _validate(model, cache, dataset, step, best, args, log_file):
    t = time.time()
    m = evaluate_clips(model, cache, dataset.idle, len(dataset.labels))
    log.info("val at step %d: top-1 %.4f top-5 %.4f macro-F1 %.4f (%d clips, %.0f s)", step,
             m["top1"], m["top5"], m["macro_f1"], m["clips"], time.time() - t)
    log_file.write(json.dumps({"step": step, "val_top1": m["top1"], "val_top5": m["top5"],
                               "val_macro_f1": m["macro_f1"]}) + "\n")
    log_file.flush()
    # Ties go to the later (further trained) checkpoint.
    if m["top1"] >= best["top1"]:
        torch.save({"model": model.state_dict(), "arch": args.model,
                    "classes": len(dataset.labels), "step": step}, args.work / "model.pt")
        return {"top1": m["top1"], "step": step}
    return best


def tune_decoder(model, cache, idle) -> Tuple[DecoderConfig, Dict | None]:
    """Picks the decoder thresholds with the lowest WER on (up to TUNING_SENTENCES) validation
    sentences; returns them with their metrics there."""
    sentences = [i for i, c in enumerate(cache.clips) if len(c.spans) > 1][:TUNING_SENTENCES]
    if not sentences:
        return DecoderConfig(), None
    best, best_key = None, None
    for conf in (0.5, 0.7, 0.9):
        for stable in (1, 2):
            cfg = DecoderConfig(chunk=8, min_confidence=conf, stable_chunks=stable)
            m = decoder_metrics(model, cache, sentences, idle, cfg)
            log.info("decoder on %d val sentences: min_confidence %.1f stable_chunks %d -> "
                     "WER %.4f, median delay %s frames", len(sentences), conf, stable, m["wer"],
                     m["median_delay_frames"])
            # Lowest WER; among equals the earliest word.
            key = (round(m["wer"], 6), m["median_delay_frames"] or 0.0)
            if best_key is None or key < best_key:
                best, best_key = (cfg, m), key
    return best


def finish(args, dataset: Dataset, caches: Dict[str, FrameCache], summary: Dict) -> None:
    ckpt = torch.load(args.work / "model.pt")
    model = build_model(ckpt["arch"], ckpt["classes"])
    model.load_state_dict(ckpt["model"])
    model.eval()
    classes = len(dataset.labels)
    test = evaluate_clips(model, caches["test"], dataset.idle, classes)
    val = evaluate_clips(model, caches["val"], dataset.idle, classes)
    log.info("test: top-1 %.4f top-5 %.4f macro-F1 %.4f over %d clips", test["top1"],
             test["top5"], test["macro_f1"], test["clips"])
    decoder, tuned = tune_decoder(model, caches["val"], dataset.idle)
    decoder_eval = {}
    if tuned is not None:
        decoder_eval["val (tuning)"] = tuned
    sentences = [i for i, c in enumerate(caches["test"].clips) if len(c.spans) > 1]
    if sentences:
        decoder_eval["test"] = decoder_metrics(model, caches["test"], sentences, dataset.idle,
                                               decoder)
        log.info("decoder on test sentences: %s", decoder_eval["test"])
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    onnx_bytes = export_onnx(model, out / "model.onnx")
    check = verify_streaming(model, onnx_bytes)
    max_diff = max(v for k, v in check.items() if k != "logit_scale")
    legend = card.plot_confusion(out / "confusion.png", test["confusion"], dataset.labels,
                                 f"{args.name}: test split, {test['clips']} clips")
    manifest = {
        "format": 1,
        "name": args.name,
        "version": version_of(onnx_bytes),
        "architecture": model.arch.name,
        "input": {"name": "image", "height": model.arch.input_size,
                  "width": model.arch.input_size, "layout": "BTHWC", "dtype": "float32",
                  "range": [0.0, 1.0]},
        "output": "logits",
        "fps": int(args.fps) if float(args.fps).is_integer() else args.fps,
        "chunk_length": decoder.chunk,
        "labels": "labels.json",
        "idle_label": dataset.labels[dataset.idle],
        "states": state_manifest(model),
        "decoder": {k: v for k, v in dataclasses.asdict(decoder).items() if k != "chunk"},
        "training": {
            "data": _describe_data(args, dataset),
            "command": " ".join(shlex.quote(a) for a in ["training/train.py"] + sys.argv[1:]),
            "reproduce": _reproduce(args),
            "seconds": round(summary["seconds"], 1),
            "steps": summary["steps"],
            "best_step": summary.get("best_step"),
            "init": summary.get("init"),
            "hflip": args.hflip,
            "batch": args.batch,
            "frames": args.frames,
            "machine": _machine(args.threads),
            "train_clips": len(caches["train"].clips),
            "val_clips": len(caches["val"].clips),
        },
        "metrics": {"split": "test", "clips": test["clips"], "top1": test["top1"],
                    "top5": test["top5"], "macro_f1": test["macro_f1"],
                    "rule": "logits after the last frame of each isolated sign or idle clip, "
                            "from a zero state"},
        "validation": {"clips": val["clips"], "top1": val["top1"], "top5": val["top5"],
                       "macro_f1": val["macro_f1"]},
        "decoder_eval": decoder_eval,
        "parameters": sum(p.numel() for p in model.parameters()),
        "onnx_bytes": len(onnx_bytes),
        "state_bytes": state_bytes(model),
        "export_check": {"max_diff": max_diff, **check},
    }
    card.write_manifest(out, manifest)
    card.write_labels(out, dataset.labels)
    card.write_card(out, manifest, dataset.labels, legend)
    log.info("wrote %s (version %s, %d bytes)", out, manifest["version"], len(onnx_bytes))


def _describe_data(args, dataset: Dataset) -> str:
    if args.data:
        return f"signstream corpus {args.data.name} ({len(dataset.clips)} clips)"
    return f"AI Hub layout {args.aihub.name} ({len(dataset.clips)} clips)"


def _reproduce(args) -> List[str]:
    meta = Path(args.data or args.aihub) / "corpus-command.txt"
    lines = ["training/setup.sh"]
    if meta.is_file():
        lines += [line for line in meta.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines.append("/usr/bin/python3 " + " ".join(shlex.quote(a) for a in
                                                 ["training/train.py"] + sys.argv[1:]))
    return lines


def _machine(threads: int) -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores visible, torch {torch.__version__} with "
            f"{threads} threads, shared with other work")


def main(argv: List[str]) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s",
                        datefmt="%H:%M:%S")
    torch.set_num_threads(args.threads)
    cv2.setNumThreads(1)  # the feeder thread augments beside torch's threads: no extra pool
    args.work.mkdir(parents=True, exist_ok=True)
    dataset = load_dataset(args)
    log.info("%d labels, %d clips from %s", len(dataset.labels), len(dataset.clips),
             dataset.source)
    size = ARCHS[args.model].input_size
    caches = {}
    for split in ("train", "val", "test"):
        records = dataset.split(split)
        if not records:
            raise SystemExit(f"error: no {split} clips in {dataset.source}")
        t = time.time()
        caches[split] = FrameCache.build(records, args.cache, size, args.fps)
        log.info("%s: %d clips, %d frames cached (%.0f s)", split, len(records),
                 sum(c.length for c in caches[split].clips), time.time() - t)
    if args.evaluate_only:
        summary = json.loads((args.work / "train_summary.json").read_text())
    else:
        summary = train(args, dataset, caches)
    finish(args, dataset, caches, summary)
    return 0
