"""One command group per routine (``udi review``, ``udi portfolio``, ``udi forum``,
``udi network``), the organisation (``udi org``) and ``udi demo``.

Each command builds a command payload and runs it through the command bus, or asks a
service a question; rules live in the core, never here.
"""
