#!/usr/bin/env python3
"""Train a MoViNet stream model and write a model folder. See training/README.md.

    /usr/bin/python3 training/train.py --data corpus/synth --model small --out models/ksl-synth-small
"""
import os
import sys
from pathlib import Path

# GNU OpenMP spins while it waits for work; on a CPU shared with other jobs that spinning
# measured 2-4x slower steps than sleeping. Set before torch loads its OpenMP runtime.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from signstream_training.trainer import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
