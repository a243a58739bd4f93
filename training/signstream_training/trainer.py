"""Training loop, checkpoints, evaluation and export of a model folder (training/train.py).

One step = one batch of whole clips of similar length (``streams.ClipBatcher``) run from a zero
state, with per-frame (``event``) or per-reading (``ctc``) supervision. The learning-rate schedule
is defined by ``--steps``; ``--minutes`` only bounds one invocation, which saves a resumable
checkpoint every ``--checkpoint-minutes`` and when it stops, so ``--resume`` continues the same
schedule in a later working session.
"""

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
from typing import Dict, List

import cv2
import numpy as np
import torch
from torch.nn import functional as F

from . import card
from .augment import augment
from .data import Dataset, FrameCache, read_aihub, read_corpus
from .evaluate import DecoderConfig, clip_readings, evaluate, tune
from .export import export_onnx, state_bytes, state_manifest, version_of
from .model import ARCHS, Memory, build_model
from .streams import IGNORE, OBJECTIVES, ClipBatcher, TargetConfig, ctc_loss, model_labels
from .verify import verify_streaming

log = logging.getLogger("train")
CHUNK = 8
CHECKPOINT = "checkpoint.pt"
BEST = "model.pt"


def parse_args(argv: List[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Train a MoViNet stream model on continuous clips and write a model folder "
                    "(model.onnx, model.json, labels.json, README.md, confusion.png).")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--data", type=Path, help="corpus folder (labels.json + manifest.jsonl)")
    src.add_argument("--aihub", type=Path, help="AI Hub layout root (root/<class>/*.mp4)")
    p.add_argument("--dictionary", type=Path, help="AI Hub label dictionary JSON")
    p.add_argument("--model", choices=sorted(ARCHS), default="small")
    p.add_argument("--size", type=int, help="input edge in pixels (default: the architecture's, "
                                            "112 for small, 172 for a0)")
    p.add_argument("--memory", choices=("bounded", "cumulative"), default="bounded",
                   help="bounded: averages over the last frames only, for long sessions "
                        "(default); cumulative: the paper's averages since the stream's start")
    p.add_argument("--objective", choices=OBJECTIVES, default="event",
                   help="event: per-frame labels due once each sign is complete (default); "
                        "ctc: CTC over the chunk readings with the idle class as blank")
    p.add_argument("--event-frames", type=int, default=TargetConfig.event_frames,
                   help="frames labelled with a sign from its last frame on (event objective)")
    p.add_argument("--out", type=Path, required=True, help="model folder to write")
    p.add_argument("--name", help="model name (default: the out folder's name)")
    p.add_argument("--work", type=Path, help="checkpoints and logs (default training/runs/NAME)")
    p.add_argument("--cache", type=Path, help="decoded-frame cache (default ~/.cache/signstream)")
    p.add_argument("--steps", type=int, default=6000,
                   help="length of the learning-rate schedule, in steps")
    p.add_argument("--minutes", type=float, default=60.0,
                   help="wall-time budget of this invocation; it then checkpoints and writes "
                        "the model folder (continue with --resume)")
    p.add_argument("--frame-budget", type=int, default=1024,
                   help="padded frames per batch (whole clips of similar length)")
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--weight-decay", type=float, default=0.02)
    p.add_argument("--fps", type=float, default=15.0, help="sampling rate the model sees")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--device", default="cpu", help="cpu or cuda")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--bf16", action=argparse.BooleanOptionalAction, default=None,
                   help="train under bfloat16 autocast (default: on for CUDA and where the CPU "
                        "has AVX512-BF16); evaluation and export always run in float32")
    p.add_argument("--eval-every", type=int, default=250)
    p.add_argument("--val-clips", type=int, default=400,
                   help="validation clips scored at each evaluation (all at the end)")
    p.add_argument("--checkpoint-minutes", type=float, default=10.0)
    p.add_argument("--resume", action="store_true",
                   help="continue from --work's checkpoint.pt (same schedule, optimizer state)")
    p.add_argument("--init", type=Path,
                   help="start from this checkpoint's weights (same --model, --size, --memory "
                        "and labels) with a fresh optimizer and schedule")
    p.add_argument("--hflip", type=float, default=0.5,
                   help="probability of mirroring a training clip left-right; a mirrored "
                        "signer is a left-handed signer doing the same sign (0 turns it off)")
    p.add_argument("--evaluate-only", action="store_true",
                   help="skip training: evaluate and export the best checkpoint in --work")
    args = p.parse_args(argv)
    if args.aihub and not args.dictionary:
        p.error("--aihub needs --dictionary")
    if not 0.0 <= args.hflip <= 1.0:
        p.error(f"--hflip must be a probability in [0, 1], got {args.hflip}")
    if args.init and not args.init.is_file():
        p.error(f"--init {args.init}: not a file")
    if args.init and args.resume:
        p.error("--init and --resume exclude each other")
    if args.event_frames < CHUNK:
        p.error(f"--event-frames must be >= the chunk length {CHUNK}, or a reading can miss "
                f"a sign")
    if args.device.startswith("cuda") and not torch.cuda.is_available():
        p.error("--device cuda: this torch sees no CUDA device")
    args.size = args.size or ARCHS[args.model].input_size
    if args.bf16 is None:
        args.bf16 = args.device.startswith("cuda") or _has_bf16()
    args.name = args.name or args.out.name
    args.work = args.work or Path(__file__).resolve().parents[1] / "runs" / args.name
    args.cache = args.cache or Path.home() / ".cache" / "signstream"
    return args


def _has_bf16() -> bool:
    try:
        return "avx512_bf16" in Path("/proc/cpuinfo").read_text()
    except OSError:
        return False


def memory_of(args) -> Memory:
    return Memory.bounded() if args.memory == "bounded" else Memory.cumulative()


def load_dataset(args) -> Dataset:
    if args.data:
        return read_corpus(args.data)
    return read_aihub(args.aihub, args.dictionary, seed=args.seed)


def _lr(step: int, steps: int, base: float) -> float:
    warm = max(1, int(0.03 * steps))
    if step < warm:
        return base * (step + 1) / warm
    return base * 0.5 * (1 + math.cos(math.pi * min(1.0, (step - warm) / max(1, steps - warm))))


class BatchFeeder:
    """Builds augmented batches in a background thread so that decoding never stalls a step."""

    def __init__(self, batcher: ClipBatcher, seed: int, hflip: float):
        self.queue: "queue.Queue" = queue.Queue(maxsize=3)
        self.batcher, self.hflip = batcher, hflip
        self.rng = np.random.default_rng(seed + 1)
        self.stop = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        try:
            while not self.stop.is_set():
                frames, targets, lengths, chosen = self.batcher.batch()
                item = (augment(frames, self.rng, self.hflip), targets, lengths, chosen)
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


def _meta(args, classes: int) -> Dict:
    """What a checkpoint must agree on to be loaded into this run's model."""
    return {"arch": args.model, "classes": classes, "size": args.size,
            "memory": memory_of(args).to_json()}


def _check_meta(path: Path, ckpt: Dict, expected: Dict) -> None:
    got = {k: ckpt.get(k) for k in expected}
    if got["memory"] is None:
        got["memory"] = Memory.cumulative().to_json()
    if got["size"] is None:
        got["size"] = ARCHS.get(got["arch"], ARCHS["small"]).input_size
    if got != expected:
        raise SystemExit(f"error: {path} holds {got}; this run trains {expected}")


def build_from_checkpoint(path: Path) -> torch.nn.Module:
    ckpt = torch.load(path, map_location="cpu")
    model = build_model(ckpt["arch"], ckpt["classes"], memory=Memory.from_json(ckpt.get("memory")),
                        size=ckpt.get("size"))
    model.load_state_dict(ckpt["model"])
    return model.eval()


def train(args, dataset: Dataset, caches: Dict[str, FrameCache]) -> Dict:
    torch.manual_seed(args.seed)
    labels = model_labels(dataset.labels)
    classes = len(labels)
    signing = classes - 1
    meta = _meta(args, classes)
    device = torch.device(args.device)
    model = build_model(args.model, classes, memory=memory_of(args), size=args.size).to(device)
    decay, no_decay = [], []
    for name, param in model.named_parameters():
        (no_decay if param.dim() <= 1 else decay).append(param)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=args.lr)
    progress = {"step": 0, "seconds": 0.0, "frames": 0, "best": None, "init": None,
                "sessions": []}
    if args.resume:
        path = args.work / CHECKPOINT
        if not path.is_file():
            raise SystemExit(f"error: --resume: no {path}")
        ckpt = torch.load(path, map_location="cpu")
        _check_meta(path, ckpt, meta)
        model.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["optimizer"])
        progress = ckpt["progress"]
        log.info("resumed from %s at step %d (%.1f min trained)", path, progress["step"],
                 progress["seconds"] / 60)
    elif args.init:
        ckpt = torch.load(args.init, map_location="cpu")
        _check_meta(args.init, ckpt, meta)
        model.load_state_dict(ckpt["model"])
        progress["init"] = {"checkpoint": str(args.init), "step": ckpt.get("progress", {}).get(
            "step", ckpt.get("step"))}
        log.info("initialised from %s", args.init)
    targets_cfg = TargetConfig(event_frames=args.event_frames)
    batcher = ClipBatcher(caches["train"], dataset.idle, signing, args.frame_budget,
                          args.seed + progress["step"], targets_cfg)
    feeder = BatchFeeder(batcher, args.seed + progress["step"], args.hflip)
    loss_rng = np.random.default_rng(args.seed + 7 + progress["step"])
    log_file = (args.work / "train_log.jsonl").open("a", encoding="utf-8")
    started = time.time()
    base_seconds, base_frames = progress["seconds"], progress["frames"]
    last_checkpoint = started
    session = {"started_step": progress["step"], "threads": args.threads, "device": args.device,
               "command": _command()}
    loss_avg = acc_avg = None

    def save_checkpoint():
        progress["seconds"] = base_seconds + time.time() - started
        torch.save({**meta, "model": model.state_dict(), "optimizer": opt.state_dict(),
                    "progress": progress, "args": _args_json(args)}, args.work / CHECKPOINT)

    try:
        while progress["step"] < args.steps:
            if time.time() - started >= 60.0 * args.minutes:
                log.info("time budget of %.1f min used up at step %d", args.minutes,
                         progress["step"])
                break
            step = progress["step"]
            lr = _lr(step, args.steps, args.lr)
            for group in opt.param_groups:
                group["lr"] = lr
            model.train()
            images, targets, lengths, chosen = feeder.next()
            images, targets = images.to(device), targets.to(device)
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=args.bf16):
                logits, _ = model(images)
            logits = logits.float()
            flat, flat_t = logits.reshape(-1, classes), targets.reshape(-1)
            if args.objective == "event":
                loss = F.cross_entropy(flat, flat_t, ignore_index=IGNORE, label_smoothing=0.05)
            else:
                clips = [caches["train"].clips[i] for i in chosen]
                loss = ctc_loss(logits.cpu() if device.type != "cpu" else logits, lengths,
                                clips, dataset.idle, CHUNK, loss_rng)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            progress["step"] = step = step + 1
            progress["frames"] += int(sum(lengths))
            keep = flat_t != IGNORE
            acc = (flat.argmax(1)[keep] == flat_t[keep]).float().mean().item()
            loss_avg = loss.item() if loss_avg is None else 0.95 * loss_avg + 0.05 * loss.item()
            acc_avg = acc if acc_avg is None else 0.95 * acc_avg + 0.05 * acc
            if step % 25 == 0:
                elapsed = time.time() - started
                fps = (progress["frames"] - base_frames) / elapsed
                log.info("step %d/%d  loss %.4f  frame-acc %.3f  lr %.2e  %.0f frames/s  "
                         "%.1f min", step, args.steps, loss_avg, acc_avg, lr, fps, elapsed / 60)
                log_file.write(json.dumps({"step": step, "loss": loss_avg, "frame_acc": acc_avg,
                                           "lr": lr, "frames": progress["frames"],
                                           "seconds": base_seconds + elapsed,
                                           "frames_per_s": fps}) + "\n")
                log_file.flush()
            if step % args.eval_every == 0 or step == args.steps:
                progress["seconds"] = base_seconds + time.time() - started
                _validate(model, caches["val"], dataset, args, progress, meta, log_file)
                model.to(device)
            if time.time() - last_checkpoint >= 60.0 * args.checkpoint_minutes:
                save_checkpoint()
                last_checkpoint = time.time()
        if progress["best"] is None or progress["best"]["step"] != progress["step"]:
            _validate(model, caches["val"], dataset, args, progress, meta, log_file)
    finally:
        feeder.close()
        session.update(ended_step=progress["step"],
                       minutes=round((time.time() - started) / 60, 1),
                       frames_per_s=round((progress["frames"] - base_frames)
                                          / max(1e-9, time.time() - started), 1))
        progress["sessions"].append(session)
        save_checkpoint()
        log_file.close()
    log.info("trained to step %d (%.1f min in all); best validation %s", progress["step"],
             progress["seconds"] / 60, progress["best"])
    summary = {"steps": progress["step"], "schedule_steps": args.steps,
               "seconds": progress["seconds"], "frames": progress["frames"],
               "best": progress["best"], "init": progress["init"],
               "sessions": progress["sessions"]}
    (args.work / "train_summary.json").write_text(json.dumps(summary, indent=2))
    return summary


def _args_json(args) -> Dict:
    return {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}


def _val_indices(cache: FrameCache, limit: int) -> List[int]:
    """A fixed, kind-balanced subset of the validation clips."""
    by_kind: Dict[str, List[int]] = {}
    for i, c in enumerate(cache.clips):
        by_kind.setdefault(c.record.kind, []).append(i)
    chosen: List[int] = []
    per_kind = max(1, limit // max(1, len(by_kind)))
    for kind in sorted(by_kind):
        chosen.extend(by_kind[kind][:per_kind])
    return sorted(chosen)


def _validate(model, cache, dataset, args, progress, meta, log_file):
    t = time.time()
    model_cpu = model.to("cpu").eval()
    indices = _val_indices(cache, args.val_clips)
    readings = clip_readings(model_cpu, cache, indices, CHUNK)
    m = tune(readings, cache, dataset.idle, len(dataset.labels) + 1, args.fps, CHUNK)
    iso = m.get("isolated", {})
    score = (m["wer"] or 0.0) + (1 - iso.get("top1", 1.0))
    step = progress["step"]
    log.info("val at step %d (%d clips, %.0f s): WER %s (sentences %s, sequences %s), "
             "isolated top-1 %s, delay %s, threshold %.2f", step, len(indices), time.time() - t,
             _pct(m["wer"]), _pct(m.get("sentence", {}).get("wer")),
             _pct(m.get("sequence", {}).get("wer")), _pct(iso.get("top1")), m["delay_ms"],
             m["config"]["min_confidence"])
    log_file.write(json.dumps({"step": step, "frames": progress["frames"], "val_wer": m["wer"],
                               "val_sentence_wer": m.get("sentence", {}).get("wer"),
                               "val_sequence_wer": m.get("sequence", {}).get("wer"),
                               "val_top1": iso.get("top1"), "val_delay_ms": m["delay_ms"],
                               "val_threshold": m["config"]["min_confidence"],
                               "seconds": progress["seconds"]}) + "\n")
    log_file.flush()
    # Ties go to the later (further trained) checkpoint.
    if progress["best"] is None or score <= progress["best"]["score"]:
        progress["best"] = {"step": step, "score": score, "wer": m["wer"],
                            "top1": iso.get("top1")}
        torch.save({**meta, "model": model_cpu.state_dict(), "progress": dict(progress)},
                   args.work / BEST)


def _pct(value) -> str:
    return "n/a" if value is None else f"{100 * value:.2f} %"


def finish(args, dataset: Dataset, caches: Dict[str, FrameCache], summary: Dict) -> None:
    model = build_from_checkpoint(args.work / BEST)
    labels = model_labels(dataset.labels)
    classes = len(labels)
    val_readings = clip_readings(model, caches["val"], range(len(caches["val"].clips)), CHUNK)
    val = tune(val_readings, caches["val"], dataset.idle, classes, args.fps, CHUNK)
    decoder = DecoderConfig(**val["config"])
    test_readings = clip_readings(model, caches["test"], range(len(caches["test"].clips)), CHUNK)
    test = evaluate(test_readings, caches["test"], dataset.idle, classes, decoder, args.fps)
    log.info("test: %s", {k: v for k, v in test.items() if k != "isolated"})
    if "isolated" in test:
        log.info("test isolated: %s",
                 {k: v for k, v in test["isolated"].items() if k != "confusion"})
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    onnx_bytes = export_onnx(model, out / "model.onnx")
    check = verify_streaming(model, onnx_bytes)
    max_diff = max(v for k, v in check.items() if k != "logit_scale")
    legend = None
    if "isolated" in test:
        legend = card.plot_confusion(out / "confusion.png", test["isolated"]["confusion"],
                                     labels,
                                     f"{args.name}: test split, {test['isolated']['clips']} "
                                     "isolated clips")
    best = summary["best"] or {}
    manifest = {
        "format": 2,
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
        "signing_label": labels[-1],
        "memory": model.memory.to_json(),
        "states": state_manifest(model),
        "decoder": {"kind": "peak", "min_confidence": decoder.min_confidence},
        "training": {
            "data": _describe_data(args, dataset),
            "objective": args.objective,
            "event_frames": args.event_frames if args.objective == "event" else None,
            "command": _command(),
            "reproduce": _reproduce(args, summary),
            "seconds": round(summary["seconds"], 1),
            "cpu_hours": round(summary["seconds"] * args.threads / 3600, 2),
            "steps": summary["steps"],
            "schedule_steps": summary["schedule_steps"],
            "frames": summary["frames"],
            "best_step": best.get("step"),
            "init": summary.get("init"),
            "sessions": summary.get("sessions"),
            "hflip": args.hflip,
            "frame_budget": args.frame_budget,
            "machine": _machine(args.threads),
            "train_clips": len(caches["train"].clips),
            "val_clips": len(caches["val"].clips),
        },
        "metrics": _public(test, "test"),
        "validation": _public(val, "val"),
        "parameters": sum(p.numel() for p in model.parameters()),
        "onnx_bytes": len(onnx_bytes),
        "state_bytes": state_bytes(model),
        "export_check": {"max_diff": max_diff, **check},
    }
    manifest["training"]["learning_curve"] = _learning_curve(args.work / "train_log.jsonl")
    card.write_manifest(out, manifest)
    card.write_labels(out, labels)
    card.write_card(out, manifest, labels, legend)
    log.info("wrote %s (version %s, %d bytes)", out, manifest["version"], len(onnx_bytes))


def _learning_curve(log: Path) -> List[Dict]:
    """Validation at each evaluation of the run (the last entry of a step wins: a resumed run
    may have validated a step twice)."""
    by_step: Dict[int, Dict] = {}
    if log.is_file():
        for line in log.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            if "val_wer" in entry:
                by_step[entry["step"]] = {k: entry.get(k) for k in
                                          ("step", "frames", "seconds", "val_wer", "val_top1")}
    return [by_step[k] for k in sorted(by_step)]


def _public(metrics: Dict, split: str) -> Dict:
    """The metrics as the manifest keeps them (no confusion matrix)."""
    out = {"split": split}
    for key, value in metrics.items():
        if key == "isolated":
            value = {k: v for k, v in value.items() if k != "confusion"}
        out[key] = value
    return out


def _describe_data(args, dataset: Dataset) -> str:
    if args.data:
        return f"signstream corpus {args.data.name} ({len(dataset.clips)} clips)"
    return f"AI Hub layout {args.aihub.name} ({len(dataset.clips)} clips)"


def _command() -> str:
    return "/usr/bin/python3 " + " ".join(shlex.quote(a) for a in ["training/train.py"] + sys.argv[1:])


def _reproduce(args, summary: Dict) -> List[str]:
    """Set-up, the corpus commands, then every training invocation of the run in order (a run
    resumed across working sessions has several) and this one."""
    meta = Path(args.data or args.aihub) / "corpus-command.txt"
    lines = ["training/setup.sh"]
    if meta.is_file():
        lines += [line for line in meta.read_text(encoding="utf-8").splitlines() if line.strip()]
    for session in summary.get("sessions") or []:
        if session.get("command"):
            lines.append(session["command"])
    if not lines[-1].endswith(" ".join(sys.argv[1:])):
        lines.append(_command())
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
    caches = {}
    for split in ("train", "val", "test"):
        records = dataset.split(split)
        if not records:
            raise SystemExit(f"error: no {split} clips in {dataset.source}")
        t = time.time()
        caches[split] = FrameCache.build(records, args.cache, args.size, args.fps)
        log.info("%s: %d clips, %d frames cached (%.0f s)", split, len(records),
                 sum(c.length for c in caches[split].clips), time.time() - t)
    if args.evaluate_only:
        summary = json.loads((args.work / "train_summary.json").read_text())
    else:
        try:
            summary = train(args, dataset, caches)
        except KeyboardInterrupt:
            log.warning("interrupted: %s holds the last step; continue with the same command and "
                        "--resume", args.work / CHECKPOINT)
            return 130
    finish(args, dataset, caches, summary)
    return 0
