"""Paths shared by the tests. (A plain module: `from conftest import ...` is ambiguous
once tests/browser/ has a conftest.py of its own.)"""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
