"""Every callback of the app, registered by importing its module here."""

import callbacks.home  # noqa: F401
from callbacks import compare, url_state  # noqa: F401
from callbacks import shell  # noqa: F401
