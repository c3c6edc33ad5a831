"""Test support shipped with the package (needs the ``testing`` extra: pytest, hypothesis).

- :mod:`udi_core.testing.contract`: the store contract suite, to run against any adapter;
- :mod:`udi_core.testing.strategies`: hypothesis strategies for every domain type;
- :mod:`udi_core.testing.tally`: a tiny aggregate kind the contract suite stores.
"""
