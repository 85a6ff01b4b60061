"""Every callback of the app, registered by importing its module here."""

import callbacks.about  # noqa: F401
import callbacks.area_search  # noqa: F401  (the area search boxes of home, outcome, partnership and compare pages)
import callbacks.changes  # noqa: F401
import callbacks.home  # noqa: F401
import callbacks.outcome  # noqa: F401
import callbacks.partnership  # noqa: F401
import callbacks.present  # noqa: F401
import callbacks.upload  # noqa: F401  (registers its callbacks in internal mode only)
from callbacks import (  # noqa: F401
    compare,
    shell,  # noqa: F401
    url_state,
)
