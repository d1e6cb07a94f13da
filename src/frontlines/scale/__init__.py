"""scale/: running the pipeline bigger than one machine (`ingest --engine dask`)."""

from frontlines.scale.dask_engine import connect, ingest_dask

__all__ = ["connect", "ingest_dask"]
