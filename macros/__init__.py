"""The project's Python: ``macros.claimkit`` (the core) and the MkDocs adapters beside it.

mkdocs-macros imports this package (``module_name: macros`` in mkdocs.yml) and
calls :func:`define_env`. Importing the package must not import MkDocs: the
core (``macros.claimkit``), the scripts and the pre-commit hooks run without
it, and the site must be able to move to another engine. So the adapter is
imported only when mkdocs-macros calls in.

MkDocs edges, the only modules that import ``mkdocs`` or ``mkdocs_macros``:
``macros_adapter.py`` and ``course_macros.py`` (macros of hand-written pages)
and ``hooks.py`` (generated pages, loaded by path through ``hooks:``).
"""


def define_env(env) -> None:
    from .macros_adapter import define_env as adapter

    adapter(env)
