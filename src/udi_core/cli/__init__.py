"""The ``udi`` command line: a thin shell over the library (typer + rich).

Exit codes: 0 success, 1 a rule refused the command, 2 bad input or set-up. Messages are
in English, or Norwegian Bokmål with ``--lang nb`` (or ``LANG=nb_NO``). Heavy modules are
imported inside the commands so ``udi --help`` starts fast.
"""


def main() -> None:
    from udi_core.cli.main import cli

    cli()
