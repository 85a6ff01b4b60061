"""The accessibility statement names who runs the instance and how to reach them from settings, and says so in
general words when they are not set — never with a bracketed placeholder."""

from __future__ import annotations

import pytest

from data_access.catalogue.public_text import note_markers
from tests.support.layout_tree import text


@pytest.fixture
def statement(monkeypatch):
    import app  # noqa: F401  (registers the pages)
    import config
    from layouts import accessibility

    def build(**env: str) -> str:
        for name in ("CDP_OPERATOR", "CDP_CONTACT"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        config.get_settings.cache_clear()
        return text(accessibility.layout())

    yield build
    config.get_settings.cache_clear()


def test_an_unconfigured_instance_has_no_placeholder(statement):
    words = statement()
    assert "This website is run by" not in words
    assert "contact the organisation that runs this website" in words
    assert note_markers(words) == []


def test_a_configured_instance_names_its_operator_and_contact(statement):
    words = statement(CDP_OPERATOR="Example County Council", CDP_CONTACT="cdp@example.gov.uk")
    assert "This website is run by Example County Council." in words
    assert "contact: cdp@example.gov.uk" in words


def test_an_operator_without_a_contact_is_named_as_the_contact(statement):
    assert "contact Example County Council" in statement(CDP_OPERATOR="Example County Council")
