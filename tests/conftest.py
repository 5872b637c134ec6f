from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def valid_data(tmp_path: Path) -> Path:
    """A writable copy of the small synthetic dataset in tests/fixtures/valid."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", target)
    return target
