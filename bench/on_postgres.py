# ruff: noqa: INP001
"""Seed one throwaway PostgreSQL cluster with a demo size, then run every benchmark there.

    .venv/bin/python bench/on_postgres.py                 # the large demo (seeding takes 20-35 minutes)
    .venv/bin/python bench/on_postgres.py --size medium

Runs bench/supervision_pages.py, bench/outcomes.py and bench/dataset_export.py --quality against the same
cluster, so the large demo is seeded once rather than once per benchmark (each also has --postgres alone).
"""

import argparse
import sys

from _support import ROOT, on_seeded_postgres

BENCHES = (["supervision_pages.py"], ["outcomes.py"], ["dataset_export.py", "--quality"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=["small", "medium", "large"])
    args = parser.parse_args()
    commands = [[sys.executable, str(ROOT / "bench" / name), *options] for name, *options in BENCHES]
    sys.exit(on_seeded_postgres(args.size, *commands))


if __name__ == "__main__":
    main()
