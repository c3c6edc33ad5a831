"""udi-core: UDI's internal routines as executable, typed rules.

Importing this package has no side effects and imports nothing heavy; the composition
root is :func:`udi_core.app.bootstrap`.
"""

__version__ = "0.1.0"
