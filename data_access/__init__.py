"""The data platform: the only package that knows SQL or files.

Layers: ``models`` (tables) → ``db`` (engine, sessions) → ``catalogue`` / ``geography`` /
``ingest`` (writing) and ``statistics`` (pure maths) → ``read`` (the bounded, memoized functions
pages call).
"""
