"""What the benchmarks share: where the project is (its package is installed: scripts/setup.sh)."""

import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = ROOT / "content"
