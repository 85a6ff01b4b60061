"""Where the project and its tests live, for tests that read committed files (assets, geodata, fixtures)."""

from pathlib import Path

TESTS_ROOT = Path(__file__).resolve().parents[1]
PROJECT_ROOT = TESTS_ROOT.parent
