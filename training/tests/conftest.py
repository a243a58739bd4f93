"""Puts training/ on the import path and keeps torch to the 2 cores CI has."""
import sys
from pathlib import Path

import pytest
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
torch.set_num_threads(2)


@pytest.fixture(scope="session")
def tiny_corpus(tmp_path_factory):
    from signstream_training.fixtures import make_corpus
    return make_corpus(tmp_path_factory.mktemp("corpus"), per_sign=2, size=64, sentences=1)
