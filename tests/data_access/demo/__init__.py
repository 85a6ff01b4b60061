"""Tests of the demonstration dataset (data_access.demo)."""
