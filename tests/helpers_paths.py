"""Where things are, for tests in any layer folder under ``tests/``."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
