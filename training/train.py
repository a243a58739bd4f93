#!/usr/bin/env python3
"""Train a MoViNet stream model and write a model folder. See training/README.md.

    /usr/bin/python3 training/train.py --data corpus/synth --model small --out models/ksl-synth-small
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from signstream_training.trainer import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
