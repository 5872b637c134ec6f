"""`make bench --against`: two checkouts compared by interleaved cold builds (scripts/bench.py).

The builds themselves are replaced by a recorder here (a real comparison at 1,000 reports takes
minutes); what is tested is what makes the comparison fair: both projects made the same way, each
build from nothing, the order reversed every other round, and the ratio taken round by round.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import bench


@pytest.fixture
def recorded(monkeypatch):
    builds: list[tuple[str, bool]] = []  # (which project, whether it had a cache when built)
    times = iter([10.0, 20.0, 22.0, 11.0, 12.0, 18.0])

    def fake_run(cmd: list[str], cwd: Path) -> dict:
        builds.append((cwd.parent.name, (cwd / ".cache").exists()))
        (cwd / ".cache").mkdir(exist_ok=True)  # what a build leaves behind
        return {"wall": next(times), "cpu": 1.0, "tree_mb": 0.0, "proc_mb": 0.0}

    monkeypatch.setattr(bench, "run", fake_run)
    return builds


def test_two_checkouts_are_built_from_nothing_in_turn_and_compared_round_by_round(recorded, tmp_path, capsys):
    runs = bench.compare("synthetic", 3, 3, bench.ROOT, bench.ROOT, tmp_path)
    assert recorded == [("this", False), ("against", False), ("against", False), ("this", False),
                        ("this", False), ("against", False)]
    assert runs["order"] == ["this", "against", "this"]
    assert [r["wall"] for r in runs["this"]] == [10.0, 11.0, 12.0]
    assert [r["wall"] for r in runs["against"]] == [20.0, 22.0, 18.0]
    line = bench.comparison("synthetic", 3, runs)
    assert "this 11.0 s" in line and "against 20.0 s" in line
    assert "this / against 0.50 (each round: 0.50, 0.50, 0.67)" in line
    assert "round 2/3: against 22.0 s, this 11.0 s" in capsys.readouterr().out
