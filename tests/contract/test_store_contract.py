"""The shipped store contract, run against each store adapter (see conftest)."""

from __future__ import annotations

import pytest

from udi_core.ports.persistence import Store
from udi_core.testing.contract import StoreContract


class TestStoreContract(StoreContract):
    @pytest.fixture
    def store(self, store: Store) -> Store:  # the parametrized fixture from conftest
        return store
