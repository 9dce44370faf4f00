"""Outcomes and the national data set. A plain package for now (no models): see dataset.py."""
