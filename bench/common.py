"""What the benchmarks share: where the project is, with plugins/ importable."""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = ROOT / "content"
sys.path.insert(0, str(ROOT / "plugins"))
