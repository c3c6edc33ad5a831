"""An app with the organisation the IM 2011-013 tests act in."""

from __future__ import annotations

from datetime import datetime

from udi_core.app import App, bootstrap


def make_app(now: datetime, options: dict[str, str] | None = None) -> App:
    settings: dict[str, object] = {"store": "memory", "clock": f"fixed:{now.isoformat()}"}
    if options:
        settings["options"] = options
    app = bootstrap(settings).unwrap()
    org = app.organisation
    org.ensure_named_units().unwrap()
    org.register_unit("OPA-LEDELSE", "OPA ledelse", "OPA", "leadership", "OPA").unwrap()
    org.register_employee("ola", "Ola Saksbehandler", "OPA-FAMILIE").unwrap()
    org.register_employee("lea", "Lea Leder", "OPA-FAMILIE", ["unit_leader"]).unwrap()
    org.register_employee("dir", "Dina Direktør", "OPA-LEDELSE", ["department_director"]).unwrap()
    org.register_employee("igs", "Ingrid Internasjonal", "AUA-IGS").unwrap()
    org.register_employee("eva", "Eva Ekspert", "AUA-RVE").unwrap()
    org.register_employee("asa", "Asle Asyl", "ASA-KOR").unwrap()
    return app
