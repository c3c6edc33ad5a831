"""The PostgreSQL test policy: skipped with a reason when no server answers, failed
instead when ``UDI_REQUIRE_POSTGRES=1``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests import pg


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("UDI_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:1/test")
    pg._unreachable_reason.cache_clear()
    yield
    pg._unreachable_reason.cache_clear()


@pytest.mark.usefixtures("no_server")
def test_an_unreachable_server_skips_saying_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UDI_REQUIRE_POSTGRES", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"no PostgreSQL server reachable at .*:1/test"):
        pg.require_server()


@pytest.mark.usefixtures("no_server")
def test_an_unreachable_server_fails_when_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UDI_REQUIRE_POSTGRES", "1")
    with pytest.raises(pytest.fail.Exception, match="UDI_REQUIRE_POSTGRES=1 but no PostgreSQL"):
        pg.require_server()
