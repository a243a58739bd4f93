"""Writes a fixture for tools/OrtCheck.java: a random clip and PyTorch's per-frame logits.

    /usr/bin/python3 training/tools/ort_check.py --model-dir models/ksl-synth-small --out DIR
    java -cp <onnxruntime jar> training/tools/OrtCheck.java DIR

Only for developers with the ONNX Runtime jar (Maven Central com.microsoft.onnxruntime); the
pytest suite checks the graph with the torch-backed evaluator instead.
"""

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import onnx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from signstream_training.onnx_eval import OnnxTorchEvaluator  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--batch", type=int, default=2)
    parser.add_argument("--frames", type=int, default=20)
    args = parser.parse_args()
    manifest = json.loads((args.model_dir / "model.json").read_text())
    size = manifest["input"]["height"]
    proto = onnx.load(str(args.model_dir / "model.onnx"))
    evaluator = OnnxTorchEvaluator(proto)
    clip = np.random.default_rng(1).random((args.batch, args.frames, size, size, 3),
                                            dtype=np.float32)
    state = {s["name"]: np.zeros([args.batch] + s["shape"], np.float32)
             for s in manifest["states"]}
    per_frame = []
    for t in range(args.frames):
        result = evaluator.run({"image": clip[:, t:t + 1], **state})
        per_frame.append(result["logits"])
        state = {name: result[f"{name}_out"] for name in state}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "model.onnx").write_bytes((args.model_dir / "model.onnx").read_bytes())
    clip.astype("<f4").tofile(args.out / "clip.f32")
    np.stack(per_frame).astype("<f4").tofile(args.out / "expected.f32")
    classes = per_frame[0].shape[1]
    (args.out / "dims.txt").write_text(f"{args.batch} {args.frames} {size} {classes}\n")
    print(f"fixture written to {args.out}")


if __name__ == "__main__":
    main()
