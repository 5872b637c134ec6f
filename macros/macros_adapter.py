"""The mkdocs-macros adapter: registers the macros of hand-written pages, nothing else.

All logic lives in ``macros.claimkit``, which never imports MkDocs. Macros
return finished, escaped HTML (delivered after Markdown), which mkdocs-macros
does not render again. Pages generated from data (reports, sources, trackers)
are not rendered by macros at all: see macros/hooks.py. Listings come from the
build's render cache (claimkit/sitebuild.py) when the data they show is unchanged.
"""

from __future__ import annotations

from pathlib import Path

from .claimkit.listing_macros import LISTING_MACROS
from .claimkit.site import current_site_data, site_data
from .claimkit.sitebuild import CachedCalls
from .course_macros import register as register_course


def define_env(env) -> None:
    data_dir = Path(env.project_dir) / "data"
    # mkdocs-macros calls this before the build starts (also before each rebuild under `mkdocs serve`):
    # read the data's state now, so the course below is checked against this build's data, once.
    site_data(data_dir, directory_urls=env.conf["use_directory_urls"])

    def site():
        return current_site_data(data_dir, directory_urls=env.conf["use_directory_urls"])

    def renderer():
        return site().renderer

    def listing_macro(method: str):
        def macro() -> str:
            current = site()
            if current.build is not None:  # finished HTML goes in after Markdown (see render.fill_slots)
                return current.build.listing(method, env.page.url)
            return current.renderer.deferred(env.page.url, current.renderer.listing(method, env.page.url))
        return macro

    for name, method in LISTING_MACROS.items():
        env.macro(listing_macro(method), name)
    def cached_calls() -> CachedCalls:
        current = site()  # the build under way may have started the calls in its pool (sitebuild.Build.prepare)
        return current.build.calls if current.build is not None else CachedCalls(current)

    register_course(env, renderer, cached_calls)
