"""Scale-out: the same per-article pipeline over sharded corpora, written as Parquet datasets.

- :mod:`.shards`: input shards (local paths, globs, pyarrow filesystem URIs), reading one
  shard into articles, and the output layout (one Parquet file per shard and dataset,
  written under a temporary name, a completion marker last). No Ray here.
- :mod:`.ray_engine`: ``detente ingest --engine ray`` (needs the ``detente[ray]`` extra,
  imported only when that engine is asked for).
- :mod:`.load`: ``detente store load``, the Parquet datasets into a DuckDB store.
"""
