"""mkdocs-macros entry point: registers the page macros, nothing else.

All logic lives in ``macros.claimkit``, which never imports MkDocs.
Macros receive only validated ids from page source and return finished,
escaped HTML, which mkdocs-macros does not render again.
"""

from __future__ import annotations

from pathlib import Path

from .claimkit.site import site_data


def define_env(env) -> None:
    data_dir = Path(env.project_dir) / "data"

    def current():
        return site_data(data_dir, directory_urls=env.conf["use_directory_urls"])

    @env.macro
    def report_page(report_id: str) -> str:
        """The whole body of one report's page."""
        return current().renderer.report_page(report_id, env.page.url)

    @env.macro
    def reports_index() -> str:
        """A table of every report, newest first."""
        return current().renderer.reports_index(env.page.url)
