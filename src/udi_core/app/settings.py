"""Settings: which adapter serves each port. Parsed strictly; unknown keys are refused."""

from __future__ import annotations

from collections.abc import Mapping

from attrs import field, frozen
from returns.result import Failure, Result

from udi_core.domain.kernel.errors import InvalidInput

DEFAULT_STORE = "sqlite:///udi.sqlite3"

ENV_KEYS = {
    "UDI_STORE": "store",
    "UDI_DUF": "duf",
    "UDI_JOURNAL": "journal",
    "UDI_CLOCK": "clock",
}


@frozen
class Settings:
    """Adapter selection by name (see ``udi_core.ports.plugins.adapter_name``).

    - ``store``: ``memory``, ``sqlite:///path/to/file.db`` (the default, a file in the
      current folder) or ``postgresql://user@host:port/db``;
    - ``duf`` and ``journal``: ``mock`` (in-memory), or a plugin's name;
    - ``clock``: ``system`` or ``fixed:<ISO moment>``;
    - ``options``: extra string options handed to every adapter factory.
    """

    store: str = DEFAULT_STORE
    duf: str = "mock"
    journal: str = "mock"
    clock: str = "system"
    options: Mapping[str, str] = field(factory=dict)

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> Result[Settings, InvalidInput]:
        """Settings from a mapping (a parsed TOML or JSON document)."""
        from udi_core.serialization import structure

        for name, value in data.items():
            if name != "options" and isinstance(value, str) and not value.strip():
                return Failure(InvalidInput(f"settings.{name}", "a non-empty adapter setting"))
        return structure(dict(data), Settings).alt(
            lambda e: InvalidInput(e.field.replace("$", "settings", 1), e.expected, e.got)
        )

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str], base: Settings | None = None
    ) -> Result[Settings, InvalidInput]:
        """Settings from ``UDI_STORE``, ``UDI_DUF``, ``UDI_JOURNAL``, ``UDI_CLOCK``."""
        from udi_core.serialization import unstructure

        data: dict[str, object] = unstructure(base or cls())
        for env_key, name in ENV_KEYS.items():
            if env_key in environ:
                data[name] = environ[env_key]
        return cls.from_mapping(data)
