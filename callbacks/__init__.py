"""Every callback of the app, registered by importing its module here."""

from callbacks import url_state  # noqa: F401
