"""Shared building blocks of the pages (not scanned as pages: the folder starts with an underscore)."""
