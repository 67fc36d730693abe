"""Shared fixtures for the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "corpus"
DATA_DIR = Path(__file__).resolve().parent / "data"


@pytest.fixture
def corpus_dir() -> Path:
    """The shipped sample articles."""
    return CORPUS_DIR


@pytest.fixture
def data_dir() -> Path:
    """Test data files (annotations, library files, Crossref records)."""
    return DATA_DIR
