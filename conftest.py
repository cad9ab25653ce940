"""Doctests of optional integrations run only where their extra is installed."""

import importlib.util

collect_ignore = [] if importlib.util.find_spec("dask") else ["normalize/dask.py"]
