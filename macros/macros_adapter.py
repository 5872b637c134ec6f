"""The mkdocs-macros adapter: registers the macros of hand-written pages, nothing else.

All logic lives in ``macros.claimkit``, which never imports MkDocs. Macros
return finished, escaped HTML (delivered after Markdown), which mkdocs-macros
does not render again. Pages generated from data (reports, sources, trackers)
are not rendered by macros at all: see macros/hooks.py.
"""

from __future__ import annotations

from pathlib import Path

from .claimkit.listing_macros import LISTING_MACROS
from .claimkit.site import current_site_data
from .course_macros import register as register_course


def define_env(env) -> None:
    data_dir = Path(env.project_dir) / "data"

    def renderer():
        return current_site_data(data_dir, directory_urls=env.conf["use_directory_urls"]).renderer

    def listing_macro(method: str):
        def macro() -> str:
            current = renderer()
            # finished HTML goes in after Markdown (see render.Renderer.fill_slots)
            return current.deferred(env.page.url, getattr(current, method)(env.page.url))
        return macro

    for name, method in LISTING_MACROS.items():
        env.macro(listing_macro(method), name)
    register_course(env, renderer)
