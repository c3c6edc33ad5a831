"""The application layer: the composition root, the command runner and the services.

``bootstrap(settings)`` is the one place that reads settings and builds adapters.
"""

from udi_core.app.bootstrap import App, bootstrap
from udi_core.app.settings import Settings

__all__ = ["App", "Settings", "bootstrap"]
